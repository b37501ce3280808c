import Foundation
import Hummingbird
import SwitchboardCore

/// `/v1/bills`: the months with activity, a month's bill, and its every line as JSON or CSV
/// (BILL-1). The current month is computed live; `switchboard jobs run` closes past months.
struct BillRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("bills", use: list)
        group.get("bills/:month", use: show)
        group.get("bills/:month/items", use: items)
    }

    struct MonthView: Encodable {
        let month: YearMonth
        let status: String
        let closingBalance: Money
        let currency: String
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        var months: [MonthView] = []
        let entries = try await platform.ledgerEntries(of: account)
        for month in Set(entries.map(\.at.month)).sorted().reversed() {
            let statement = await platform.statement(of: account, month: month, entries: entries)
            let closed = try await platform.store.bill(accountId: account.id, month: month) != nil
            months.append(
                MonthView(
                    month: month, status: closed ? "closed" : "open", closingBalance: statement.closingBalance, currency: statement.currency
                ))
        }
        return try JSONResponse.response(.ok, ListView(months))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let month = try month(context)
        let closed = try await platform.store.bill(accountId: account.id, month: month) != nil
        return try JSONResponse.response(.ok, BillView(try await platform.statement(of: account, month: month), closed: closed))
    }

    /// JSON, or CSV when the request's `Accept` prefers `text/csv`.
    @Sendable func items(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let month = try month(context)
        let statement = try await platform.statement(of: account, month: month)
        if request.headers[.accept]?.lowercased().contains("text/csv") == true {
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"bill-\(month)-\(account.id).csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: statement.csv)))
        }
        return try JSONResponse.response(.ok, ListView(statement.items.map(BillItemView.init)))
    }

    private func month(_ context: APIRequestContext) throws -> YearMonth {
        let text = try context.parameters.require("month")
        guard text.count == 7, let month = YearMonth(text), month.year >= 2000, month.year <= 9999 else {
            throw APIError.notFound("Bill \(text)")
        }
        return month
    }
}
