/// A recipient's reply that opts out of an account's messages, or back in (USE-2).
///
/// The whole reply must be the keyword: case, full-width letters (`ＳＴＯＰ`) and surrounding
/// white space and punctuation (`"Stop!"`, `【退订】`) do not matter, but `stop please` is not a
/// keyword. Opt-out words: STOP, UNSUBSCRIBE, END, QUIT, CANCEL, OPTOUT, STOPALL, T, TD, R, 退订,
/// 取消. Opt-in words: START, UNSTOP. `开始` is deliberately not an opt-in word: an accidental
/// opt-in after an opt-out is worse than a recipient having to type START.
public struct OptOutKeyword: Sendable, Hashable {
    /// What the reply asks for.
    public enum Intent: String, Sendable, Codable {
        case optOut = "opt-out"
        case optIn = "opt-in"
    }

    /// Folded opt-out words.
    public static let optOutWords: Set<String> = [
        "stop", "unsubscribe", "end", "quit", "cancel", "optout", "stopall", "t", "td", "r", "退订", "取消",
    ]
    /// Folded opt-in words.
    public static let optInWords: Set<String> = ["start", "unstop"]

    public var intent: Intent
    /// The keyword as recorded in `OptOutRecord.keyword`: upper-case ASCII (`STOP`) or as written (`退订`).
    public var keyword: String

    /// Reads an inbound reply; `nil` unless the whole reply is a keyword.
    public init?(reply: String) {
        let scalars = Array(TextFolding.fold(reply).unicodeScalars)
        guard let first = scalars.firstIndex(where: { !TextFolding.isFiller($0) }),
            let last = scalars.lastIndex(where: { !TextFolding.isFiller($0) })
        else { return nil }
        let word = String(String.UnicodeScalarView(scalars[first...last]))
        if Self.optOutWords.contains(word) {
            intent = .optOut
        } else if Self.optInWords.contains(word) {
            intent = .optIn
        } else {
            return nil
        }
        keyword = word.uppercased()
    }

    /// The record of this reply from `number` to `accountId` at `moment`.
    public func record(accountId: String, number: String, at moment: Timestamp) -> OptOutRecord {
        OptOutRecord(accountId: accountId, number: number, optedOut: intent == .optOut, keyword: keyword, at: moment)
    }

    /// Whether `number` has opted out of `accountId`'s messages: the latest of its records decides.
    public static func isOptedOut(accountId: String, number: String, records: [OptOutRecord]) -> Bool {
        records.filter { $0.accountId == accountId && $0.number == number }.max { $0.at < $1.at }?.optedOut ?? false
    }
}
