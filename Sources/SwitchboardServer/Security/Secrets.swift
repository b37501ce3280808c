import Crypto
import Foundation

/// Random identifiers and bearer secrets, and how secrets are kept: only their SHA-256 hashes
/// are stored (ACCT-4), and comparisons of secrets take the same time whatever they hold.
enum Secrets {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `count` characters from [0-9a-zA-Z] drawn from the system's secure generator.
    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }, as: UTF8.self)
    }

    /// A record id such as `acc_3kT9…`: a prefix naming the kind, then 20 random characters.
    static func id(_ prefix: String) -> String { prefix + "_" + random(20) }

    /// An API key: `sk_live_` and 40 random characters (about 238 bits).
    static func apiKey() -> String { "sk_live_" + random(40) }

    /// A session token: `sess_` and 40 random characters.
    static func sessionToken() -> String { "sess_" + random(40) }

    /// Lowercase hex SHA-256 of `text`, the form stored for keys and session tokens.
    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether two secrets are equal, in time that depends only on their hashes' length.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = SHA256.hash(data: Data(lhs.utf8))
        let right = SHA256.hash(data: Data(rhs.utf8))
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}
