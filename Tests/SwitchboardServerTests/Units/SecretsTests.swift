import Foundation
import Testing

@testable import SwitchboardServer

@Suite("Secrets and identifiers")
struct SecretsTests {
    @Test("ACCT-4 keys and tokens are long, random and stored as lowercase SHA-256 hex")
    func keysAndHashes() {
        let keys = Set((0..<1000).map { _ in Secrets.apiKey() })
        #expect(keys.count == 1000)
        #expect(keys.allSatisfy { $0.hasPrefix("sk_live_") && $0.count == 48 })
        #expect(Secrets.sessionToken().hasPrefix("sess_"))
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("Ids carry their kind's prefix and 20 characters from [0-9a-zA-Z]")
    func ids() {
        let id = Secrets.id("acc")
        #expect(id.hasPrefix("acc_"))
        #expect(id.dropFirst(4).count == 20)
        #expect(id.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test("Every one of the 62 characters comes up about equally often")
    func evenCharacters() {
        var counts: [Character: Int] = [:]
        for character in Secrets.random(62_000) { counts[character, default: 0] += 1 }
        #expect(counts.count == 62)
        // 1,000 expected each; the standard deviation is about 31.
        #expect(counts.values.allSatisfy { (800...1200).contains($0) }, "\(counts.sorted { $0.value < $1.value }.prefix(3))")
    }

    @Test("Secrets compare equal only when equal, whatever their lengths")
    func constantTimeComparison() {
        #expect(Secrets.constantTimeEqual("token-0123456789abcdef0123", "token-0123456789abcdef0123"))
        #expect(!Secrets.constantTimeEqual("token-0123456789abcdef0123", "token-0123456789abcdef0124"))
        #expect(!Secrets.constantTimeEqual("short", "shorter"))
        #expect(!Secrets.constantTimeEqual("", "x"))
    }
}
