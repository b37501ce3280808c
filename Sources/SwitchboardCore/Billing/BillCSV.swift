/// The detailed bill as CSV (BILL-1): RFC 4180 (a header row, CRLF line ends, fields holding a
/// comma, quote or line break quoted with quotes doubled), and safe to open in a spreadsheet:
/// a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so
/// it is never read as a formula. Amounts and quantities are written by the system as plain numbers
/// and left as they are (`-0.0450`).
public enum BillCSV {
    /// The header row's fields.
    public static let header = [
        "time", "type", "service", "quantity", "unitPrice", "amount", "currency", "reference", "description",
    ]

    /// The CSV text of `items`, header first, every row ending in CRLF.
    public static func render(_ items: [BillItem]) -> String {
        var rows = [header.map(field).joined(separator: ",")]
        for item in items {
            let cells = [
                text(item.at.description), text(item.kind.rawValue), text(item.service ?? ""),
                item.quantity.map(String.init) ?? "", item.unitPrice?.formatted() ?? "", item.amount.formatted(),
                text(item.currency), text(item.reference ?? ""), text(item.description ?? ""),
            ]
            rows.append(cells.joined(separator: ","))
        }
        return rows.map { $0 + "\r\n" }.joined()
    }

    /// A free-text cell: defused against formulas, then quoted as needed.
    static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return field(value)
        }
        return field("'" + value)
    }

    /// A field quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        var quoted = "\""
        for character in value {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }
}
