import Foundation
import SwitchboardCore

/// Small helpers for building template contexts.
enum Context {
    /// A list a template can test with `{{#x.any}}` and walk with `{{#x.items}}`.
    static func list(_ items: [[String: Any]]) -> [String: Any] { ["any": !items.isEmpty, "items": items] }

    /// Mustache prints a missing optional as "nil"; `false` makes its section disappear instead.
    static func optional(_ value: Any?) -> Any { value ?? false }

    /// Mustache shows a section for an empty string too; `false` hides it.
    static func nonEmpty(_ text: String) -> Any { text.isEmpty ? false : text }

    static func absolute(_ path: String, base: String) -> String {
        base.hasSuffix("/") && path.hasPrefix("/") ? base + path.dropFirst() : base + path
    }

    /// `5 December 2026, 01:00–04:00 UTC+08:00`, or both ends in full when they differ in day.
    static func windowText(_ window: DateInterval, time: SiteTime) -> String {
        let start = time.local(window.start)
        let end = time.local(window.end)
        guard start.dayText == end.dayText else { return "\(time.longDateTime(window.start)) to \(time.longDateTime(window.end))" }
        return "\(time.longDate(window.start)), \(start.clockText)–\(end.clockText) \(time.zoneLabel(at: window.start))"
    }
}
