import Foundation
import Hummingbird
import NIOCore
import SwitchboardCore

/// A JSON object request body, read field by field. Unknown fields, wrong types, strings that
/// are too long and missing required fields are 400s that name the field.
struct RequestBody: Sendable {
    /// The bytes as received, for idempotency hashes.
    let bytes: Data
    private let fields: [String: JSONValue]

    /// Reads at most `limit` bytes (413 beyond) of a JSON object whose keys are all in `allowed`.
    static func read(_ request: Request, limit: Int, allowed: Set<String>) async throws -> RequestBody {
        if let type = request.headers[.contentType], !isJSON(type) {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "Send the body as application/json, not \(type).")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw payloadTooLarge(limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw payloadTooLarge(limit)
        }
        return try parse(Data(buffer: buffer), allowed: allowed)
    }

    /// `application/json`, with parameters such as `charset=utf-8` or none.
    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return mediaType.trimmingWhitespace().lowercased() == "application/json"
    }

    /// Parses `bytes` as a JSON object whose keys are all in `allowed`.
    static func parse(_ bytes: Data, allowed: Set<String>) throws -> RequestBody {
        if bytes.isEmpty { return RequestBody(bytes: bytes, fields: [:]) }
        guard String(data: bytes, encoding: .utf8) != nil else {
            throw APIError(.badRequest, "invalid_json", "The body is not valid UTF-8.")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            throw APIError(.badRequest, "invalid_json", "The body is not valid JSON.")
        }
        guard case .object(let fields) = value else {
            throw APIError(.badRequest, "invalid_json", "The body must be a JSON object, not \(value.typeName).")
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            let known = allowed.sorted().joined(separator: ", ")
            throw APIError(.badRequest, "unknown_field", "Unknown field '\(unknown)'; this request takes: \(known).", field: unknown)
        }
        return RequestBody(bytes: bytes, fields: fields)
    }

    private static func payloadTooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "payload_too_large", "The body is larger than \(limit) bytes.")
    }

    /// The body with its keys sorted and spacing removed: the same request however it is
    /// written, for idempotency hashes.
    var canonicalBytes: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(fields)) ?? bytes
    }

    /// Whether the field was sent at all (even as null).
    func has(_ field: String) -> Bool { fields[field] != nil }

    /// A string field of at most `maxLength` characters; nil when absent or null and not required.
    func string(_ field: String, required: Bool = true, maxLength: Int = 200) throws -> String? {
        switch fields[field] {
        case nil, .null?:
            if required { throw APIError(.badRequest, "missing_field", "'\(field)' is required.", field: field) }
            return nil
        case .string(let value)?:
            if value.count > maxLength {
                throw APIError.invalidField(field, "'\(field)' is longer than \(maxLength) characters.")
            }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }) {
                throw APIError.invalidField(field, "'\(field)' contains control characters.")
            }
            return value
        case let other?:
            throw APIError.invalidField(field, "'\(field)' must be a string, not \(other.typeName).")
        }
    }

    /// A required string field.
    func requiredString(_ field: String, maxLength: Int = 200) throws -> String {
        try string(field, maxLength: maxLength) ?? ""
    }

    /// A boolean field; nil when absent and not required.
    func bool(_ field: String, required: Bool = false) throws -> Bool? {
        switch fields[field] {
        case nil, .null?:
            if required { throw APIError(.badRequest, "missing_field", "'\(field)' is required.", field: field) }
            return nil
        case .bool(let value)?: return value
        case let other?: throw APIError.invalidField(field, "'\(field)' must be true or false, not \(other.typeName).")
        }
    }

    /// A whole number in `range`; nil when absent and not required.
    func integer(_ field: String, in range: ClosedRange<Int>, required: Bool = false) throws -> Int? {
        switch fields[field] {
        case nil, .null?:
            if required { throw APIError(.badRequest, "missing_field", "'\(field)' is required.", field: field) }
            return nil
        case .number(let value)? where value.rounded() == value && Double(range.lowerBound) <= value && value <= Double(range.upperBound):
            return Int(value)
        case .number(let value)?:
            throw APIError.invalidField(
                field, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound); got \(value).")
        case let other?:
            throw APIError.invalidField(
                field, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(other.typeName).")
        }
    }

    /// An amount of money sent as a decimal string (`"100.00"`), at most `maxDecimals` places.
    func money(_ field: String, required: Bool = true, maxDecimals: Int = 4) throws -> Money? {
        guard let text = try string(field, required: required, maxLength: 32) else { return nil }
        guard let amount = Money(text, maximumFractionDigits: maxDecimals) else {
            throw APIError.invalidField(
                field, "'\(field)' must be a decimal string with at most \(maxDecimals) decimals, such as \"100.00\"; got \"\(text)\".")
        }
        return amount
    }

    /// A string field whose value must be one of `T`'s raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ type: T.Type, required: Bool = true) throws -> T?
    where T.RawValue == String {
        guard let text = try string(field, required: required, maxLength: 64) else { return nil }
        guard let value = T(rawValue: text) else {
            let choices = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw APIError.invalidField(field, "'\(field)' must be one of \(choices); got '\(text)'.")
        }
        return value
    }

    /// A required field whose value must be one of `T`'s raw values.
    func requiredChoice<T: RawRepresentable & CaseIterable>(_ field: String, _ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = try choice(field, type) else {
            throw APIError(.badRequest, "missing_field", "'\(field)' is required.", field: field)
        }
        return value
    }

    /// A field a PATCH may set or clear: `nil` when absent (leave as it is), `.some(nil)` when
    /// sent as null (clear it), else the value `read` gets from it.
    func clearable<T>(_ field: String, _ read: (String) throws -> T?) throws -> T?? {
        switch fields[field] {
        case nil: return nil
        case .null?: return .some(nil)
        default: return .some(try read(field))
        }
    }
}
