/// Where an account stands (PLAT-3, ACCT-5, TERM-1).
///
/// `active ⇄ suspended` is reversible; `frozen`, `terminated` and `recycled` are permanent.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
    case frozen
    case terminated
    case recycled

    /// Whether the operator (or a job) may move an account from this status to `next`.
    public func canMove(to next: AccountStatus) -> Bool {
        switch (self, next) {
        case (.active, .suspended), (.suspended, .active): return true
        case (.active, .frozen), (.suspended, .frozen): return true
        case (.active, .terminated), (.suspended, .terminated), (.frozen, .terminated): return true
        case (.active, .recycled), (.suspended, .recycled): return true
        default: return false
        }
    }

    /// Whether sends are allowed at all in this status.
    public var maySend: Bool { self == .active }
}
