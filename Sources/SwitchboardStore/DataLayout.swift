import Foundation
import SwitchboardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The journal files in month order, with the position of the newest non-empty one (the
    /// only one a crash can leave torn); any other file in `journal/` is a problem.
    func journalFiles(problems: inout [DataProblem]) -> (files: [(month: YearMonth, path: String)], lastNonEmpty: Int) {
        var files: [(month: YearMonth, path: String)] = []
        for name in FileIO.list(journal) {
            let path = journal + "/" + name
            // A rewrite (erasure) interrupted before its rename; the store removes it.
            if name.hasPrefix("."), name.hasSuffix(".tmp") { continue }
            guard name.hasSuffix(".jsonl"), let month = YearMonth(name.dropLast(6)) else {
                problems.append(DataProblem(path: path, message: "unexpected file in journal/ (only <YYYY-MM>.jsonl belongs here)"))
                continue
            }
            files.append((month, path))
        }
        return (files, files.lastIndex { FileIO.size($0.path) != 0 } ?? -1)
    }

    /// Removes temporary files that a replacement interrupted before its rename left in
    /// `folder` (the files they were replacing are intact).
    func removeLeftovers(in folder: String, warnings: inout [DataProblem]) {
        for name in FileIO.list(folder) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(folder + "/" + name)
            warnings.append(DataProblem(path: folder + "/" + name, message: "removed an unfinished temporary file"))
        }
    }

    /// Reads every account file, reporting files that do not parse, are misnamed or break an
    /// account invariant (unique email and key hashes); `removeLeftovers` deletes temporary
    /// files an interrupted replacement left behind (the store does, the read-only check does not).
    func loadAccounts(removeLeftovers: Bool, problems: inout [DataProblem], warnings: inout [DataProblem]) -> [String: Account] {
        var accounts: [String: Account] = [:]
        var emails: [String: String] = [:]
        var keyHashes: [String: String] = [:]
        let decoder = JSONDecoder()
        for name in FileIO.list(self.accounts) {
            let path = self.accounts + "/" + name
            if name.hasPrefix("."), name.hasSuffix(".tmp") {
                // A replacement interrupted before its rename: the old file is intact.
                if removeLeftovers { unlink(path) }
                warnings.append(DataProblem(path: path, message: removeLeftovers ? "removed an unfinished temporary file" : "unfinished temporary file; the next start removes it"))
                continue
            }
            guard name.hasSuffix(".json") else {
                problems.append(DataProblem(path: path, message: "unexpected file in accounts/ (only <id>.json belongs here)"))
                continue
            }
            let account: Account
            do {
                account = try decoder.decode(Account.self, from: Data(FileIO.read(path)))
            } catch let error as StoreError {
                problems.append(DataProblem(path: path, message: error.description))
                continue
            } catch {
                problems.append(DataProblem(path: path, message: "does not parse as an account: \(DataChecker.explain(error))"))
                continue
            }
            guard account.id + ".json" == name else {
                problems.append(DataProblem(path: path, message: "holds account '\(account.id)'; the file must be named \(account.id).json"))
                continue
            }
            for problem in account.problems() { problems.append(DataProblem(path: path, message: problem)) }
            if let other = emails[account.email.lowercased()] {
                problems.append(DataProblem(path: path, message: "email \(account.email) is also used by account \(other)"))
            }
            emails[account.email.lowercased()] = account.id
            for key in account.apiKeys {
                if let other = keyHashes[key.hash], other != account.id {
                    problems.append(DataProblem(path: path, message: "API key \(key.id) has the same hash as a key of account \(other)"))
                }
                keyHashes[key.hash] = account.id
            }
            accounts[account.id] = account
        }
        return accounts
    }

    /// The exact content of `VERSION`.
    static var versionFileContent: String { "\(schemaVersion)\n" }

    /// Whether `name` can be a file name inside data/ (no slashes, no leading dot, not empty).
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name.utf8.count <= 200
    }
}
