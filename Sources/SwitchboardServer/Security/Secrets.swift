import Crypto
import Foundation

/// Random identifiers and bearer secrets, and how secrets are kept: only their SHA-256 hashes
/// are stored (ACCT-4), and comparisons of secrets take the same time whatever they hold.
enum Secrets {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `count` characters from [0-9a-zA-Z] drawn from the system's secure generator: each
    /// random byte below 248 (4 × 62) picks one, so every character is equally likely, and one
    /// draw of eight bytes gives about eight characters.
    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(count)
        while characters.count < count {
            var word = generator.next()
            for _ in 0..<8 where characters.count < count {
                let byte = UInt8(truncatingIfNeeded: word)
                word >>= 8
                if byte < 248 { characters.append(alphabet[Int(byte % 62)]) }
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A record id such as `acc_3kT9…`: a prefix naming the kind, then 20 random characters.
    static func id(_ prefix: String) -> String { prefix + "_" + random(20) }

    /// An API key: `sk_live_` and 40 random characters (about 238 bits).
    static func apiKey() -> String { "sk_live_" + random(40) }

    /// A session token: `sess_` and 40 random characters.
    static func sessionToken() -> String { "sess_" + random(40) }

    /// Lowercase hex SHA-256 of `text`, the form stored for keys and session tokens.
    static func hash(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
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
