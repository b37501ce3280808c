import SwitchboardCore

/// Where each file lives under a data directory (docs/data-format.md describes each one).
public struct DataLayout: Sendable {
    /// The schema version this build reads and writes; `data/VERSION` must hold it.
    public static let schemaVersion = 1

    public let root: String

    public init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    public var version: String { root + "/VERSION" }
    public var lock: String { root + "/.lock" }
    public var accounts: String { root + "/accounts" }
    public var journal: String { root + "/journal" }
    public var bills: String { root + "/bills" }
    public var balances: String { root + "/balances.json" }

    public func account(_ id: String) -> String { accounts + "/" + id + ".json" }
    public func journal(_ month: YearMonth) -> String { journal + "/" + month.description + ".jsonl" }
    public func bill(account: String, month: YearMonth) -> String { bills + "/" + account + "/" + month.description + ".json" }

    /// The exact content of `VERSION`.
    static var versionFileContent: String { "\(schemaVersion)\n" }

    /// Whether `name` can be a file name inside data/ (no slashes, no leading dot, not empty).
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name.utf8.count <= 200
    }
}
