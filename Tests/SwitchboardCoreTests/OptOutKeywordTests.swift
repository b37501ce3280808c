import Testing

@testable import SwitchboardCore

@Suite("OptOutKeyword")
struct OptOutKeywordTests {
    @Test(
        "USE-2 opt-out words are recognised whatever their case, width and surrounding punctuation",
        arguments: [
            "STOP", "stop", " Stop! ", "ＳＴＯＰ", "ｓｔｏｐ。", "UNSUBSCRIBE", "end", "Quit", "cancel", "OPTOUT", "T", "td", "R", "退订", "【退订】",
            "\"STOP\"", "　退订　",
        ])
    func optOutWords(reply: String) {
        #expect(OptOutKeyword(reply: reply)?.intent == .optOut)
    }

    @Test("USE-2 START and UNSTOP opt back in; 开始 does not")
    func optInWords() {
        #expect(OptOutKeyword(reply: "start")?.intent == .optIn)
        #expect(OptOutKeyword(reply: "ＵＮＳＴＯＰ")?.intent == .optIn)
        #expect(OptOutKeyword(reply: "开始") == nil)
    }

    @Test("USE-2 the whole reply must be the keyword", arguments: ["stop please", "don't stop", "STOPP", "S T O P", "", "!!!", "thanks"])
    func otherRepliesAreNotKeywords(reply: String) {
        #expect(OptOutKeyword(reply: reply) == nil)
    }

    @Test("USE-2 the keyword is recorded in upper case, and the latest record decides")
    func recordsAndLatestWins() throws {
        let stop = try #require(OptOutKeyword(reply: "ｓｔｏｐ"))
        #expect(stop.keyword == "STOP")
        let out = stop.record(accountId: "acc_1", number: "+8613800138000", at: .utc("2026-11-01T00:00:00Z"))
        #expect(out.optedOut)
        #expect(OptOutKeyword.isOptedOut(accountId: "acc_1", number: "+8613800138000", records: [out]))
        #expect(!OptOutKeyword.isOptedOut(accountId: "acc_2", number: "+8613800138000", records: [out]))
        let back = try #require(OptOutKeyword(reply: "START")).record(
            accountId: "acc_1", number: "+8613800138000", at: .utc("2026-11-02T00:00:00Z"))
        #expect(!OptOutKeyword.isOptedOut(accountId: "acc_1", number: "+8613800138000", records: [back, out]))
    }
}
