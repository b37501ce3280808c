import Testing

@testable import SwitchboardCore

@Suite("BillCSV")
struct BillCSVTests {
    func item(reference: String?, description: String?, amount: String = "-0.045") -> BillItem {
        BillItem(
            LedgerEntry(
                id: "e1", accountId: "acc_1", at: .utc("2026-11-02T03:04:05Z"), kind: .charge,
                amount: Money(amount, maximumFractionDigits: 6) ?? .zero, service: "sms-cn", sendId: reference, quantity: 1,
                description: description))
    }

    @Test("BILL-1 the CSV has a header row and one CRLF-terminated row per item")
    func headerAndRows() {
        let csv = BillCSV.render([item(reference: "snd_1", description: "1 segment")])
        #expect(
            csv == "time,type,service,quantity,unitPrice,amount,currency,reference,description\r\n"
                + "2026-11-02T03:04:05.000Z,charge,sms-cn,1,0.0450,-0.0450,CNY,snd_1,1 segment\r\n")
    }

    @Test("BILL-1 commas, quotes and line breaks are quoted as RFC 4180 says")
    func quoting() {
        let csv = BillCSV.render([item(reference: "a,b", description: "say \"hi\"\nthen go")])
        #expect(csv.hasSuffix(",\"a,b\",\"say \"\"hi\"\"\nthen go\"\r\n"))
    }

    @Test("BILL-1 text cells that a spreadsheet would run as formulas are prefixed with a quote; amounts are not")
    func formulaInjection() {
        for start in ["=", "+", "-", "@"] {
            let csv = BillCSV.render([item(reference: "\(start)HYPERLINK(\"x\")", description: nil)])
            #expect(csv.contains(",\"'\(start)HYPERLINK(\"\"x\"\")\","))
        }
        let csv = BillCSV.render([item(reference: "s", description: "=1+1, then")])
        #expect(csv.hasSuffix(",\"'=1+1, then\"\r\n"))
        #expect(csv.contains(",-0.0450,"))
    }

    @Test("BILL-1 a statement's CSV lists every item")
    func statementCSV() {
        let entries = [
            LedgerEntry(
                id: "t", accountId: "acc_1", at: .utc("2026-11-01T00:00:00Z"), kind: .topUp, amount: Money("10") ?? .zero,
                method: "alipay", reference: "pay_1")
        ]
        let bill = BillStatement(accountId: "acc_1", month: YearMonth(year: 2026, month: 11), openingBalance: .zero, entries: entries)
        #expect(bill.csv.split(separator: "\r\n").count == 2)
        #expect(bill.csv.contains("top-up,,,,10.0000,CNY,pay_1,"))
    }
}
