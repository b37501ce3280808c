import HTTPTypes

/// Statuses `HTTPResponse.Status` does not name.
enum HTTPStatus {
    /// 402: the prepaid balance does not cover the request (BILL-2).
    static let paymentRequired = HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required")
}
