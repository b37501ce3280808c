// The store's crash test runs this, then SIGKILLs it in the middle of a burst of commits.
//
// Usage: store-crash-child DATA-DIR ROUND WRITERS
// Opens the store, makes sure the test account exists and is funded, then runs WRITERS
// concurrent loops that each commit a send with its charge and an idempotency record, and
// print `ack <send id>` once the commit is durable, while another loop rewrites the account
// file and prints `account <revision>`. Runs until killed.
import Foundation
import SwitchboardCore
import SwitchboardStore

let arguments = CommandLine.arguments
guard arguments.count == 4, let round = Int(arguments[2]), let writers = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: store-crash-child DATA-DIR ROUND WRITERS\n".utf8))
    exit(2)
}
let now = Timestamp(Date())
let accountId = "acc_crash"

func acknowledge(_ line: String) {
    // One write(2) per line, so concurrent writers never interleave within a line.
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

do {
    let store = try await FileStore.open(StoreConfiguration(directory: arguments[1], lockTimeout: .seconds(10), createIfMissing: true))
    if try await store.account(id: accountId) == nil {
        _ = try await store.createAccount(
            Account(id: accountId, email: "crash@example.com", entityType: .individual, profile: AccountProfile(displayName: "Crash"), createdAt: now))
    }
    try await store.appendLedger([
        LedgerEntry(id: "led_topup_\(round)", accountId: accountId, at: now, kind: .topUp, amount: Money(microUnits: 1_000_000_000), method: "test", reference: "round-\(round)")
    ])
    acknowledge("ready")
    try await withThrowingTaskGroup(of: Void.self) { group in
        // One task keeps replacing the account file (temp, fsync, rename, folder fsync).
        group.addTask {
            var n = 0
            while true {
                n += 1
                let name = "Crash \(round)-\(n)"
                let account = try await store.updateAccount(id: accountId) { $0.profile.displayName = name }
                acknowledge("account \(account.revision)")
            }
        }
        for writer in 0..<writers {
            group.addTask {
                var n = 0
                while true {
                    n += 1
                    let id = "snd_r\(round)_w\(writer)_\(n)"
                    let at = Timestamp(Date())
                    let send = Send(
                        id: id, accountId: accountId, channel: .sms, to: "+8613800138000", body: "【Crash】test \(n)", segments: 1,
                        price: Money(microUnits: 45_000), createdAt: at, idempotencyKey: id, statusHistory: [StatusChange(status: .queued, at: at)])
                    let charge = LedgerEntry(id: "led_\(id)", accountId: accountId, at: at, kind: .charge, amount: Money(microUnits: -45_000), service: "sms", sendId: id)
                    let idempotency = IdempotencyRecord(accountId: accountId, key: id, requestHash: "h", responseStatus: 201, responseBody: "{\"id\":\"\(id)\"}", createdAt: at)
                    try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge], idempotency: idempotency))
                    acknowledge("ack \(id)")
                }
            }
        }
        try await group.waitForAll()
    }
} catch {
    FileHandle.standardError.write(Data("store-crash-child: \(error)\n".utf8))
    exit(1)
}
