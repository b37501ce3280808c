import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardServer

@Suite("The send answer")
struct SendViewTests {
    @Test("The answer to a send, written by hand, is byte for byte the view as every other route encodes it")
    func sameBytes() throws {
        let at = Timestamp(millisecondsSince1970: 1_795_768_865_007)
        let sends = [
            Send(
                id: "sms_1", accountId: "acc_1", channel: .sms, to: "+8613900000001", body: "【Acme】Code \"1234\" / 短信\n", segments: 1,
                price: Money("0.045")!, createdAt: at,
                statusHistory: [StatusChange(status: .queued, at: at), StatusChange(status: .failed, at: at, detail: "refused")]),
            Send(
                id: "call_1", accountId: "acc_1", channel: .call, to: "+8613900000002", body: "Your code is 1234", reservedMinutes: 2,
                price: Money("0.2")!, createdAt: at,
                statusHistory: [StatusChange(status: .queued, at: at), StatusChange(status: .completed, at: at, durationSeconds: 61)],
                erasedAt: at),
        ]
        for send in sends {
            #expect(SendView(send).json == Array(try JSONResponse.data(SendView(send))), "\(send.id)")
        }
    }
}
