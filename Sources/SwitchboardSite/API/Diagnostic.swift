/// One problem found in the site, printed the way compilers and Hugo print them:
/// `content/prices/2026-12.md:7: error: …`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// Path relative to the site folder.
    public let path: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public let line: Int
    public let severity: Severity
    public let message: String

    public init(path: String, line: Int, severity: Severity = .error, _ message: String) {
        self.path = path
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(severity.rawValue): \(message)" : "\(path): \(severity.rawValue): \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.path, lhs.line, lhs.message) < (rhs.path, rhs.line, rhs.message)
    }
}

/// The problems `check` found; `build` refuses to write anything while it holds an error.
public struct CheckReport: Sendable, Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var hasErrors: Bool { !errors.isEmpty }

    public var description: String {
        let lines = diagnostics.map(\.description)
        let count = errors.count
        return (lines + ["\(count) error\(count == 1 ? "" : "s")"]).joined(separator: "\n")
    }
}
