import Foundation
import SwitchboardCore
import Yams

/// Typed, line-aware access to one YAML mapping of front matter.
///
/// Every getter records a diagnostic with the line of the offending key instead of throwing, so
/// that one `check` run reports every problem. `finish()` reports keys nobody asked for.
final class FrontMatter {
    let path: String
    private let mapping: Node.Mapping
    private let lineOffset: Int
    private let fallbackLine: Int
    private let time: SiteTime
    private(set) var diagnostics: [Diagnostic] = []
    private var known: Set<String> = []

    private init(path: String, mapping: Node.Mapping, lineOffset: Int, fallbackLine: Int, time: SiteTime) {
        self.path = path
        self.mapping = mapping
        self.lineOffset = lineOffset
        self.fallbackLine = fallbackLine
        self.time = time
    }

    /// Parses the YAML text of a file's front matter; a syntax error becomes a diagnostic.
    static func parse(_ yaml: String, path: String, firstLine: Int, time: SiteTime) -> Result<FrontMatter, Diagnostic> {
        let node: Node?
        do {
            // Values are read as the text written (dates, prices and flags are parsed here), so
            // the basic resolver skips YAML's regular-expression tag guessing for every scalar.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(
                Diagnostic(
                    path: path, line: firstLine + yamlLine(of: error) - 1, "front matter is not valid YAML: \(yamlProblem(of: error))"))
        } catch {
            return .failure(Diagnostic(path: path, line: firstLine, "front matter is not valid YAML: \(error)"))
        }
        guard let mapping = node?.mapping else {
            return .failure(Diagnostic(path: path, line: firstLine, "front matter must be a mapping of keys to values"))
        }
        return .success(FrontMatter(path: path, mapping: mapping, lineOffset: firstLine - 1, fallbackLine: firstLine, time: time))
    }

    // MARK: Diagnostics

    func error(_ message: String, line: Int? = nil) {
        diagnostics.append(Diagnostic(path: path, line: line ?? fallbackLine, message))
    }

    /// The file line of `key`, or of the mapping itself when the key is absent.
    func line(of key: String) -> Int {
        guard let entry = entry(key), let mark = entry.key.mark else { return fallbackLine }
        return mark.line + lineOffset
    }

    /// Reports every key that no getter asked for, naming the keys that are allowed.
    func finish() {
        for (key, _) in mapping {
            guard let name = key.string, !known.contains(name) else { continue }
            let allowed = known.sorted().joined(separator: ", ")
            error("unknown key '\(name)'; allowed here: \(allowed)", line: (key.mark?.line ?? 1) + lineOffset)
        }
    }

    // MARK: Typed getters

    func has(_ key: String) -> Bool { entry(key) != nil }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = value(key, required: required) else { return nil }
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            error("'\(key)' must be text", line: line(of: key))
            return nil
        }
        return scalar.string
    }

    func bool(_ key: String) -> Bool? {
        guard let node = value(key, required: false) else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("'\(key)' must be true or false", line: line(of: key))
            return nil
        }
    }

    func integer(_ key: String, required: Bool = true) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let value = Int(text), value > 0 else {
            error("'\(key)' must be a whole number above zero, not '\(text)'", line: line(of: key))
            return nil
        }
        return value
    }

    /// An optional whole number that must lie in `range`.
    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(key, required: false) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let bounds =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            error("'\(key)' must be a whole number \(bounds), not '\(text)'", line: line(of: key))
            return nil
        }
        return value
    }

    /// An optional share from 0 to 1, such as `0.95`.
    func fraction(_ key: String) -> Double? {
        guard let text = string(key, required: false) else { return nil }
        guard let value = Double(text), value.isFinite, (0...1).contains(value) else {
            error("'\(key)' must be a number from 0 to 1, such as 0.95, not '\(text)'", line: line(of: key))
            return nil
        }
        return value
    }

    func date(_ key: String, required: Bool = true) -> Date? {
        guard let text = string(key, required: required) else { return nil }
        do {
            return try time.parse(text)
        } catch {
            self.error("'\(key)': \(error)", line: line(of: key))
            return nil
        }
    }

    func money(_ key: String) -> Money? {
        guard let node = value(key, required: true), let text = node.scalar?.string else {
            if has(key) { error("'\(key)' must be an exact decimal such as \"0.0450\"", line: line(of: key)) }
            return nil
        }
        guard let amount = Money(text), amount >= .zero else {
            error(
                "'\(key)' must be an exact decimal with at most \(Money.maximumFractionDigits) decimal places, such as \"0.0450\", not '\(text)'",
                line: line(of: key))
            return nil
        }
        if node.scalar?.style == .plain, text.contains(".") {
            // Unquoted 0.10 would be read as a float by most YAML tools; ask for a string.
            error("'\(key)': write the price as a quoted string (\"\(text)\") so no tool reads it as a float", line: line(of: key))
        }
        return amount
    }

    func nested(_ key: String, required: Bool = true) -> FrontMatter? {
        guard let node = value(key, required: required) else { return nil }
        guard let mapping = node.mapping else {
            error("'\(key)' must be a mapping", line: line(of: key))
            return nil
        }
        return child(mapping, line: line(of: key))
    }

    func list(_ key: String, required: Bool = true) -> [FrontMatter]? {
        guard let node = value(key, required: required) else { return nil }
        guard let sequence = node.sequence else {
            error("'\(key)' must be a list", line: line(of: key))
            return nil
        }
        var items: [FrontMatter] = []
        for element in sequence {
            let elementLine = (element.mark?.line ?? 1) + lineOffset
            guard let mapping = element.mapping else {
                error("each item of '\(key)' must be a mapping", line: elementLine)
                continue
            }
            items.append(child(mapping, line: elementLine))
        }
        return items
    }

    func stringList(_ key: String) -> [(String, Int)]? {
        guard let node = value(key, required: false) else { return nil }
        guard let sequence = node.sequence else {
            error("'\(key)' must be a list", line: line(of: key))
            return nil
        }
        return sequence.compactMap { element in
            guard let text = element.scalar?.string else {
                error("each item of '\(key)' must be text", line: (element.mark?.line ?? 1) + lineOffset)
                return nil
            }
            return (text, (element.mark?.line ?? 1) + lineOffset)
        }
    }

    /// Collects the diagnostics of nested readers into this one.
    func absorb(_ other: FrontMatter) {
        other.finish()
        diagnostics += other.diagnostics
    }

    // MARK: Internals

    private func child(_ mapping: Node.Mapping, line: Int) -> FrontMatter {
        FrontMatter(path: path, mapping: mapping, lineOffset: lineOffset, fallbackLine: line, time: time)
    }

    private func entry(_ key: String) -> (key: Node, value: Node)? {
        mapping.first { $0.key.string == key }
    }

    private func value(_ key: String, required: Bool) -> Node? {
        known.insert(key)
        guard let entry = entry(key), !(entry.value.scalar.map { $0.string.isEmpty && $0.style == .plain } ?? false) else {
            if required { error("missing required key '\(key)'") }
            return nil
        }
        return entry.value
    }

    private static func yamlLine(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    private static func yamlProblem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
