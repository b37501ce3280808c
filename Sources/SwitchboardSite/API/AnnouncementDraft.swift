import Foundation
import SwitchboardCore

/// `switchboard new announcement`: a notice file with `published` = now and the earliest lawful
/// `effective` (or maintenance window) already filled in.
public enum AnnouncementDraft {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case invalidTitle
        case write(String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; choose another title"
            case .invalidTitle: "the title needs at least one letter or digit"
            case .write(let reason): reason
            }
        }
    }

    /// Writes `content/announcements/<slug>.md` and returns its path relative to the site.
    public static func create(site: URL, kind: NoticeKind, title: String, now: Date) async throws(Failure) -> String {
        let content = await SiteContent.load(site: site)
        let time = content.time
        let slug = AnchorNames.slug(title)
        guard !slug.isEmpty else { throw .invalidTitle }
        let path = "content/announcements/\(slug).md"
        let url = site.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else { throw .exists(path) }
        // Whole seconds, so the file says exactly the moment it was written.
        let published = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.up))
        var lines = ["---", "title: \(yamlQuoted(title))", "kind: \(kind.rawValue)", "published: \(time.rfc3339(published))"]
        let earliest = NoticePeriod(calendar: content.config.workingCalendar).earliestLawful(kind: kind, published: published)
        if let earliest {
            if kind == .maintenance {
                let end = earliest.addingTimeInterval(2 * 3600)
                lines += ["window:", "  start: \(time.rfc3339(earliest))", "  end: \(time.rfc3339(end))"]
            } else {
                lines.append("effective: \(time.rfc3339(earliest))")
            }
        }
        lines += ["summary: \(yamlQuoted("One sentence for lists and feeds."))", "---", "", "Write the notice here.", ""]
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(lines.joined(separator: "\n").utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw .write("cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }

    private static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
