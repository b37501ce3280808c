/// The page `serve --watch` shows instead of the portal while the site does not build: the
/// diagnostics, escaped, and the script that reloads once the site is fixed.
enum BuildErrorPage {
    static func html(_ diagnostics: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>The portal does not build</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{white-space:pre-wrap;background:#fff4f4;color:#5a0000;padding:1rem;border-left:4px solid #c00}</style>
        </head>
        <body>
        <h1>The portal does not build</h1>
        <p>Fix these problems and save: this page reloads by itself. Until then the previous portal stays in <code>public/</code>.</p>
        <pre>\(escape(diagnostics))</pre>
        \(LiveReload.script)
        </body>
        </html>

        """
    }

    /// Escapes text for HTML content and attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
