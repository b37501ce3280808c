import Foundation
import Mustache

/// The Mustache templates and static files of the default theme, each overridable by a file of
/// the same name in the site's `templates/` or `static/` folder.
struct Theme: Sendable {
    let library: MustacheLibrary
    /// Output path (`css/site.css`) → file on disk; site files win over the theme's.
    let staticFiles: [String: URL]
    /// Fingerprint of every template's text and every static file's path, size and time.
    let fingerprint: UInt64
    /// The API reference read from the static `api/openapi.json`, when there is one.
    let apiReference: APIReference?

    /// The default theme's folder inside the package's resources.
    static var builtIn: URL? { Bundle.module.url(forResource: "Theme", withExtension: nil) }

    static let templateNames =
        [
            "layout", "page", "home", "announcement-card", "announcements", "announcement", "agreement",
            "agreement-changes", "prices", "price-table", "price-changes", "price-sheet", "not-found", "api-reference",
        ] + ConsolePage.templateNames

    /// Loads the theme, applying the site's overrides; template syntax errors are diagnostics.
    static func load(site: URL) -> Result<Theme, CheckReport> {
        guard let builtIn else {
            return .failure(
                CheckReport([Diagnostic(path: "templates", line: 0, "the default theme is missing from this build of switchboard")]))
        }
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var fingerprint = Fingerprint()
        let overrides = site.appendingPathComponent("templates")
        for name in templateNames {
            let override = overrides.appendingPathComponent("\(name).mustache")
            let useOverride = FileManager.default.fileExists(atPath: override.path)
            let url = useOverride ? override : builtIn.appendingPathComponent("templates/\(name).mustache")
            let path = useOverride ? "templates/\(name).mustache" : "(default theme) \(name).mustache"
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(validatingUTF8Data: data) else {
                diagnostics.append(Diagnostic(path: path, line: 0, "cannot read the template as UTF-8 text"))
                continue
            }
            fingerprint.combine(name)
            fingerprint.combine(text)
            do {
                // The same five characters escaped as Mustache's HTML type, on bytes rather than
                // grapheme by grapheme: escaping was an eighth of a 10,000-page build.
                precondition(Theme.fastEscapingRegistered)
                try library.register("{{% CONTENT_TYPE: \(FastHTMLEscaping.name)}}" + text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(path: path, line: error.context.lineNumber, "template error: \(error.error)"))
            } catch {
                diagnostics.append(Diagnostic(path: path, line: 0, "template error: \(error)"))
            }
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: overrides.path) {
            for name in names where name.hasSuffix(".mustache") && !templateNames.contains(String(name.dropLast(9))) {
                diagnostics.append(
                    Diagnostic(
                        path: "templates/\(name)", line: 0, severity: .warning,
                        "no page uses a template named '\(name.dropLast(9))'; overrides must use a default template's name"))
            }
        }
        guard diagnostics.allSatisfy({ $0.severity != .error }) else { return .failure(CheckReport(diagnostics)) }
        var files: [String: URL] = [:]
        for root in [builtIn.appendingPathComponent("static"), site.appendingPathComponent("static")] {
            for (path, url) in listFiles(under: root) { files[path] = url }
        }
        for (path, url) in files.sorted(by: { $0.key < $1.key }) {
            fingerprint.combine(path)
            if let stamp = FileStamp.of(url.path) {
                fingerprint.combine(UInt64(bitPattern: stamp.size))
                fingerprint.combine(UInt64(bitPattern: stamp.modified))
            }
        }
        var apiReference: APIReference?
        if let document = files[APIReference.documentPath] {
            let path =
                document.path.hasPrefix(site.standardizedFileURL.path + "/")
                ? "static/\(APIReference.documentPath)" : "(default theme) \(APIReference.documentPath)"
            do {
                apiReference = try APIReference.load(document)
            } catch {
                return .failure(CheckReport([Diagnostic(path: path, line: 0, "cannot render the API reference: \(error)")]))
            }
        }
        return .success(Theme(library: library, staticFiles: files, fingerprint: fingerprint.value, apiReference: apiReference))
    }

    private static let fastEscapingRegistered: Bool = {
        MustacheContentTypes.register(FastHTMLEscaping(), named: FastHTMLEscaping.name)
        return true
    }()

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// Regular files below `root`, by path relative to it; links are not followed.
    private static func listFiles(under root: URL) -> [(String, URL)] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [(String, URL)] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            files.append((String(path.dropFirst(prefix.count)), url))
        }
        return files
    }
}

/// HTML escaping for templates: `<`, `>`, `&`, `"` and `'`, exactly as Mustache's own.
struct FastHTMLEscaping: MustacheContentType {
    static let name = "SWITCHBOARD_HTML"

    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
