import Testing

@testable import SwitchboardCore

@Suite("ContentPolicy")
struct ContentPolicyTests {
    func policy() throws -> ContentPolicy {
        try ContentPolicy(words: ["free money", "赌博", "  "], patterns: [#"\bloan\s*\d+%"#])
    }

    @Test("USE-1 words match ignoring case, full-width letters and punctuation slipped between letters")
    func wordsMatch() throws {
        let policy = try policy()
        #expect(policy.firstMatch(in: "Get FREE MONEY now")?.text == "free money")
        #expect(policy.firstMatch(in: "ｆｒｅｅ ｍｏｎｅｙ")?.text == "free money")
        #expect(policy.firstMatch(in: "f.r.e.e m-o-n-e-y")?.text == "free money")
        #expect(policy.firstMatch(in: "在线赌 博")?.text == "赌博")
        #expect(policy.firstMatch(in: "【Acme】您的验证码是 123456") == nil)
    }

    @Test("USE-1 patterns match case-insensitively and the first broken rule is named")
    func patternsMatch() throws {
        let policy = try policy()
        let rule = try #require(policy.firstMatch(in: "Cheap LOAN 5% today"))
        #expect(rule == ContentPolicy.Rule(kind: .pattern, text: #"\bloan\s*\d+%"#))
        #expect(policy.firstMatch(in: "free money and a loan 5%")?.kind == .word)
        #expect(policy.rules.count == 3)
    }

    @Test("USE-1 an invalid pattern is refused with its text")
    func invalidPattern() {
        #expect(throws: ContentPolicy.InvalidPattern.self) { try ContentPolicy(words: [], patterns: ["(unclosed"]) }
    }
}
