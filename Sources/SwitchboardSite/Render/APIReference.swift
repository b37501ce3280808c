import Foundation
import Yams

/// The API reference page's content, read from the theme's `api/openapi.json` (the API's
/// OpenAPI 3.1 document, also published as `/api/openapi.json`): operations grouped by tag, each
/// with its method, path, authentication, parameters, body fields and responses, and the answer
/// shapes they refer to. Descriptions are Markdown, rendered like page content (raw HTML
/// dropped); everything else is text that the template escapes.
///
/// The document is read with Yams (JSON is YAML) so that the order of its fields, paths and
/// tags is kept: the page lists them as the document does.
struct APIReference: Sendable {
    /// The page's URL.
    static let url = "/api-reference/"
    /// The document's path among the theme's static files.
    static let documentPath = "api/openapi.json"

    struct Field: Sendable {
        let name: String
        let type: String
        /// `#schema-…` when the type is a documented shape.
        let typeURL: String?
        let required: Bool
        let rules: [String]
        let descriptionHTML: String
    }

    struct Response: Sendable {
        let status: String
        let descriptionHTML: String
        let shape: String?
        let shapeURL: String?
        let codes: [String]
        let headers: [String]
    }

    struct Operation: Sendable {
        let anchor: String
        let method: String
        let path: String
        let summary: String
        let descriptionHTML: String
        let auth: [String]
        let parameters: [Field]
        let bodyShape: String?
        let bodyRequired: Bool
        let bodyFields: [Field]
        let bodyExample: String?
        let responses: [Response]
        let successExample: String?
    }

    struct Tag: Sendable {
        let anchor: String
        let name: String
        let descriptionHTML: String
        var operations: [Operation]
    }

    struct Shape: Sendable {
        let anchor: String
        let name: String
        let descriptionHTML: String
        let fields: [Field]
        let summary: String?
    }

    struct Scheme: Sendable {
        let name: String
        let format: String
        let descriptionHTML: String
    }

    let title: String
    let version: String
    let descriptionHTML: String
    let schemes: [Scheme]
    let tags: [Tag]
    let shapes: [Shape]

    /// Every `id` the page defines, for link checks.
    var anchors: Set<String> {
        Set(
            ["operations", "authentication", "shapes"] + tags.map(\.anchor) + tags.flatMap { $0.operations.map(\.anchor) }
                + shapes.map(\.anchor))
    }

    /// The document at `url`, read once per process while its size and modification time stay
    /// the same: `check`, `SiteFacts.load` and every rebuild of a running server load the theme,
    /// and reading the document costs more than the rest of the theme together.
    static func load(_ url: URL) throws -> APIReference {
        let path = url.standardizedFileURL.path
        let stamp = FileStamp.of(path)
        if let stamp, let cached = documents.withLock({ $0[path] }), cached.stamp == stamp { return cached.reference }
        let reference = try read(try Data(contentsOf: url))
        if let stamp { documents.withLock { $0[path] = (stamp, reference) } }
        return reference
    }

    private static let documents = LockedDictionary<String, (stamp: FileStamp, reference: APIReference)>()

    /// The page's body for the theme with `fingerprint` (its templates and static files), made
    /// once per process: a server rebuilding at each scheduled moment renders it only again
    /// when the document or the template changed.
    static func body(_ fingerprint: UInt64, render: () -> String) -> String {
        if let body = bodies.withLock({ $0[fingerprint] }) { return body }
        let body = render()
        bodies.withLock { cache in
            if cache.count > 8 { cache.removeAll() }
            cache[fingerprint] = body
        }
        return body
    }

    private static let bodies = LockedDictionary<UInt64, String>()

    /// A dictionary shared by every build of the process.
    // @unchecked Sendable: `entries` is only read and written under `lock`.
    private final class LockedDictionary<Key: Hashable, Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Key: Value] = [:]

        func withLock<T>(_ body: (inout [Key: Value]) -> T) -> T {
            lock.withLock { body(&entries) }
        }
    }

    /// Reads the document; throws a message naming what is wrong.
    static func read(_ data: Data, markdown: MarkdownRenderer = MarkdownRenderer(unsafeHTML: false)) throws -> APIReference {
        guard let text = String(data: data, encoding: .utf8) else { throw Problem("the document is not UTF-8") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { throw Problem("the document is empty") }
            root = node
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem("the document is not valid JSON: \(error)")
        }
        return try Reader(root: root, markdown: markdown).reference()
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

extension APIReference {
    /// The template's context.
    var context: [String: Any] {
        func fields(_ list: [Field]) -> [String: Any] {
            Context.list(
                list.map { field in
                    [
                        "name": field.name, "type": field.type, "typeURL": Context.optional(field.typeURL),
                        "required": field.required, "rules": Context.nonEmpty(field.rules.joined(separator: "; ")),
                        "description": field.descriptionHTML,
                    ]
                })
        }
        return [
            "title": title, "version": version, "description": descriptionHTML,
            "schemes": schemes.map { ["name": $0.name, "format": $0.format, "description": $0.descriptionHTML] },
            "tags": tags.map { tag -> [String: Any] in
                [
                    "anchor": tag.anchor, "name": tag.name, "description": tag.descriptionHTML,
                    "operations": tag.operations.map { operation -> [String: Any] in
                        [
                            "anchor": operation.anchor, "method": operation.method, "methodClass": operation.method.lowercased(),
                            "path": operation.path, "summary": operation.summary, "description": operation.descriptionHTML,
                            "auth": operation.auth.joined(separator: " or "),
                            "parameters": fields(operation.parameters),
                            "body": operation.bodyShape != nil || !operation.bodyFields.isEmpty,
                            "bodyShape": Context.optional(operation.bodyShape),
                            "bodyRequired": operation.bodyRequired,
                            "bodyFields": fields(operation.bodyFields),
                            "bodyExample": Context.optional(operation.bodyExample),
                            "responses": operation.responses.map { response -> [String: Any] in
                                [
                                    "status": response.status, "description": response.descriptionHTML,
                                    "shape": Context.optional(response.shape), "shapeURL": Context.optional(response.shapeURL),
                                    "codes": Context.list(response.codes.map { ["code": $0] }),
                                    "headers": Context.nonEmpty(response.headers.joined(separator: ", ")),
                                ]
                            },
                            "successExample": Context.optional(operation.successExample),
                        ]
                    },
                ]
            },
            "shapes": shapes.map { shape -> [String: Any] in
                [
                    "anchor": shape.anchor, "name": shape.name, "description": shape.descriptionHTML,
                    "summary": Context.optional(shape.summary), "fields": fields(shape.fields),
                ]
            },
        ]
    }
}

/// Walks the composed document.
private struct Reader {
    let root: Node
    let markdown: MarkdownRenderer
    let schemas: Node.Mapping

    init(root: Node, markdown: MarkdownRenderer) {
        self.root = root
        self.markdown = markdown
        self.schemas = root.at("components")?.at("schemas")?.mapping ?? Node.Mapping([])
    }

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    func reference() throws -> APIReference {
        guard let version = root.at("openapi")?.scalar?.string, version.hasPrefix("3.") else {
            throw APIReference.Problem("'openapi' must name version 3.x of OpenAPI")
        }
        guard let info = root.at("info"), let title = info.at("title")?.scalar?.string else {
            throw APIReference.Problem("'info.title' is missing")
        }
        guard let paths = root.at("paths")?.mapping else { throw APIReference.Problem("'paths' is missing") }
        var tags: [APIReference.Tag] = (root.at("tags")?.sequence ?? Node.Sequence([])).compactMap { node in
            guard let name = node.at("name")?.scalar?.string else { return nil }
            return APIReference.Tag(
                anchor: "tag-" + Self.slug(name), name: name, descriptionHTML: html(node.at("description")), operations: [])
        }
        for (pathNode, item) in paths {
            guard let path = pathNode.scalar?.string, let item = item.mapping else { continue }
            for (methodNode, object) in item {
                guard let method = methodNode.scalar?.string, Self.methods.contains(method) else { continue }
                let operation = try self.operation(method: method, path: path, object)
                let tagName = object.at("tags")?.sequence?.first?.scalar?.string ?? "Other"
                if let index = tags.firstIndex(where: { $0.name == tagName }) {
                    tags[index].operations.append(operation)
                } else {
                    tags.append(
                        APIReference.Tag(anchor: "tag-" + Self.slug(tagName), name: tagName, descriptionHTML: "", operations: [operation]))
                }
            }
        }
        let schemes = (root.at("components")?.at("securitySchemes")?.mapping ?? Node.Mapping([])).map { name, scheme in
            APIReference.Scheme(
                name: name.scalar?.string ?? "",
                format: scheme.at("bearerFormat")?.scalar?.string ?? scheme.at("scheme")?.scalar?.string ?? "",
                descriptionHTML: html(scheme.at("description")))
        }
        let shapes = schemas.compactMap { name, schema -> APIReference.Shape? in
            guard let name = name.scalar?.string else { return nil }
            let fields = objectFields(schema)
            let summary = fields.isEmpty ? typeText(schema).text : nil
            return APIReference.Shape(
                anchor: "schema-" + name, name: name, descriptionHTML: html(schema.at("description")), fields: fields, summary: summary)
        }
        return APIReference(
            title: title, version: info.at("version")?.scalar?.string ?? "", descriptionHTML: html(info.at("description")),
            schemes: schemes,
            tags: tags.filter { !$0.operations.isEmpty }, shapes: shapes)
    }

    private func operation(method: String, path: String, _ object: Node) throws -> APIReference.Operation {
        guard object.mapping != nil else { throw APIReference.Problem("\(method.uppercased()) \(path) is not an object") }
        let id = object.at("operationId")?.scalar?.string ?? Self.slug("\(method) \(path)")
        let security = object.at("security") ?? root.at("security")
        let auth = (security?.sequence ?? Node.Sequence([])).map { requirement -> String in
            let names = (requirement.mapping ?? Node.Mapping([])).compactMap { $0.key.scalar?.string }
            return names.isEmpty ? "none" : names.joined(separator: " and ")
        }
        var parameters: [APIReference.Field] = []
        for node in object.at("parameters")?.sequence ?? Node.Sequence([]) {
            let parameter = resolve(node)
            guard let name = parameter.at("name")?.scalar?.string else { continue }
            let location = parameter.at("in")?.scalar?.string ?? "query"
            let schema = parameter.at("schema") ?? Node.mapping(Node.Mapping([]))
            let type = typeText(schema)
            parameters.append(
                APIReference.Field(
                    name: name, type: "\(type.text), \(location)", typeURL: type.url,
                    required: parameter.at("required")?.scalar?.string == "true" || location == "path", rules: rules(schema),
                    descriptionHTML: html(parameter.at("description"))))
        }
        var bodyShape: String?
        var bodyFields: [APIReference.Field] = []
        var bodyExample: String?
        var bodyRequired = false
        if let body = object.at("requestBody"), let content = body.at("content")?.at("application/json") {
            bodyRequired = body.at("required")?.scalar?.string == "true"
            if let schema = content.at("schema") {
                bodyShape = referenceName(schema)
                bodyFields = objectFields(schema)
            }
            bodyExample = content.at("example").map { Self.json($0) }
        }
        var responses: [APIReference.Response] = []
        var successExample: String?
        for (statusNode, responseNode) in object.at("responses")?.mapping ?? Node.Mapping([]) {
            guard let status = statusNode.scalar?.string else { continue }
            let response = resolve(responseNode)
            let content = response.at("content")?.at("application/json")
            let schema = content?.at("schema")
            let shape = schema.map(typeText)
            if successExample == nil, status.hasPrefix("2"), let example = content?.at("example") { successExample = Self.json(example) }
            responses.append(
                APIReference.Response(
                    status: status, descriptionHTML: html(response.at("description")), shape: shape?.text, shapeURL: shape?.url,
                    codes: schema.map(errorCodes) ?? [],
                    headers: (response.at("headers")?.mapping ?? Node.Mapping([])).compactMap { $0.key.scalar?.string }))
        }
        return APIReference.Operation(
            anchor: "op-" + id, method: method.uppercased(), path: path, summary: object.at("summary")?.scalar?.string ?? "",
            descriptionHTML: html(object.at("description")), auth: auth, parameters: parameters, bodyShape: bodyShape,
            bodyRequired: bodyRequired,
            bodyFields: bodyFields, bodyExample: bodyExample, responses: responses, successExample: successExample)
    }

    // MARK: Schemas

    /// `#/components/…/Name` → that node (one level; the document keeps references shallow).
    private func resolve(_ node: Node) -> Node {
        guard let reference = node.at("$ref")?.scalar?.string else { return node }
        var current: Node? = root
        for part in reference.dropFirst(2).split(separator: "/") { current = current?.at(String(part)) }
        return current ?? node
    }

    private func referenceName(_ node: Node) -> String? {
        node.at("$ref")?.scalar?.string.split(separator: "/").last.map(String.init)
    }

    /// The object fields of a schema, following a `$ref` and the first `allOf` member.
    private func objectFields(_ node: Node) -> [APIReference.Field] {
        let schema = resolve(node)
        if let first = schema.at("allOf")?.sequence?.first, schema.at("properties") == nil { return objectFields(first) }
        guard let properties = schema.at("properties")?.mapping else { return [] }
        let required = Set((schema.at("required")?.sequence ?? Node.Sequence([])).compactMap { $0.scalar?.string })
        return properties.compactMap { name, property in
            guard let name = name.scalar?.string else { return nil }
            let type = typeText(property)
            return APIReference.Field(
                name: name, type: type.text, typeURL: type.url, required: required.contains(name), rules: rules(property),
                descriptionHTML: html(property.at("description") ?? resolve(property).at("description")))
        }
    }

    /// A short type for people: `string`, `Account`, `array of ApiKey`, `list of Capability`.
    private func typeText(_ node: Node) -> (text: String, url: String?) {
        if let name = referenceName(node) {
            let target = resolve(node)
            // Named scalars (Timestamp, Money, enums) read better as what they are.
            if target.at("properties") == nil, target.at("allOf") == nil, target.at("type")?.scalar?.string != "object" {
                return (scalarType(target, name: name), "#schema-" + name)
            }
            return (name, "#schema-" + name)
        }
        if let members = (node.at("oneOf") ?? node.at("anyOf"))?.sequence, !members.isEmpty {
            // One of several shapes: name them all, link the first.
            let types = members.map(typeText)
            return (types.map(\.text).joined(separator: " or "), types.first?.url)
        }
        if let members = node.at("allOf")?.sequence, let first = members.first, let base = referenceName(first) {
            if base == "List", let item = node.at("properties")?.at("data")?.at("items"), let itemName = referenceName(item) {
                return ("list of \(itemName)", "#schema-" + itemName)
            }
            return (base, "#schema-" + base)
        }
        if node.at("type")?.scalar?.string == "array"
            || node.at("type")?.sequence?.contains(where: { $0.scalar?.string == "array" }) == true,
            let items = node.at("items")
        {
            let item = typeText(items)
            return ("array of \(item.text)", item.url)
        }
        return (scalarType(node, name: nil), nil)
    }

    private func scalarType(_ node: Node, name: String?) -> String {
        var types: [String] = []
        if let type = node.at("type")?.scalar?.string {
            types = [type]
        } else if let list = node.at("type")?.sequence {
            types = list.compactMap { $0.scalar?.string }
        }
        var text = types.filter { $0 != "null" }.joined(separator: " or ")
        if text.isEmpty { text = name ?? "any" }
        if let format = node.at("format")?.scalar?.string { text += " (\(format))" }
        // A named scalar (Timestamp, Money, AccountStatus) is called by its name; its shape says the rest.
        if let name { text = name }
        if types.contains("null") { text += " or null" }
        return text
    }

    /// Constraints worth telling: allowed values, lengths, ranges, patterns, defaults.
    private func rules(_ node: Node) -> [String] {
        let schema = node.at("$ref") != nil ? resolve(node) : node
        var rules: [String] = []
        if let values = schema.at("enum")?.sequence {
            rules.append("one of " + values.compactMap { $0.scalar?.string }.joined(separator: ", "))
        }
        if let constant = schema.at("const")?.scalar?.string { rules.append("always \(constant)") }
        if let minimum = schema.at("minLength")?.scalar?.string {
            rules.append("at least \(minimum) character\(minimum == "1" ? "" : "s")")
        }
        if let maximum = schema.at("maxLength")?.scalar?.string { rules.append("at most \(maximum) characters") }
        if let minimum = schema.at("minimum")?.scalar?.string { rules.append("≥ \(minimum)") }
        if let maximum = schema.at("maximum")?.scalar?.string { rules.append("≤ \(maximum)") }
        if let pattern = schema.at("pattern")?.scalar?.string { rules.append("matches \(pattern)") }
        if let value = schema.at("default")?.scalar?.string { rules.append("default \(value)") }
        return rules
    }

    /// The error codes a response lists (`allOf: [Error, {error: {code: {enum: …}}}]`).
    private func errorCodes(_ node: Node) -> [String] {
        let schema = resolve(node)
        var codes: [String] = []
        for member in schema.at("allOf")?.sequence ?? Node.Sequence([]) {
            codes += (member.at("properties")?.at("error")?.at("properties")?.at("code")?.at("enum")?.sequence ?? Node.Sequence([]))
                .compactMap { $0.scalar?.string }
        }
        return codes
    }

    private func html(_ node: Node?) -> String {
        guard let text = node?.scalar?.string, !text.isEmpty else { return "" }
        return markdown.render(text, firstLine: 1).html
    }

    // MARK: Text

    /// An anchor-safe slug: lowercase letters, digits and dashes.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        return String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
    }

    /// An example as indented JSON, keys in the document's order.
    static func json(_ node: Node, indent: String = "") -> String {
        let inner = indent + "  "
        switch node {
        case .mapping(let mapping):
            if mapping.isEmpty { return "{}" }
            let lines = mapping.map { key, value in inner + JSON.quoted(key.scalar?.string ?? "") + ": " + json(value, indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .sequence(let sequence):
            if sequence.isEmpty { return "[]" }
            return "[\n" + sequence.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .scalar(let scalar):
            // JSON strings arrive double-quoted; numbers, booleans and null plain.
            if scalar.style == .plain, ["true", "false", "null"].contains(scalar.string) || Double(scalar.string) != nil {
                return scalar.string
            }
            return JSON.quoted(scalar.string)
        case .alias:
            return "null"
        }
    }
}

extension Node {
    /// The value of `key` in a mapping, compared as text (JSON keys are double-quoted scalars,
    /// so Yams' own subscript, which compares tags too, would miss them).
    fileprivate func at(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.first { $0.key.scalar?.string == key }?.value
    }
}
