import Foundation
import Testing

@testable import SwitchboardSite

/// `/api-reference/` and `/api/openapi.json`: the API's OpenAPI document is published as it is
/// and rendered as a page of the portal, from the one file in the theme.
@Suite("API reference page")
struct APIReferencePageTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SwitchboardSite/Theme/static/api/openapi.json")

    @Test("The build publishes the document byte for byte and renders the page from it")
    func published() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let published = try Data(contentsOf: site.output.appendingPathComponent("api/openapi.json"))
        #expect(published == (try Data(contentsOf: Self.document)))
        let json = try #require(try JSONSerialization.jsonObject(with: published) as? [String: Any])
        #expect((json["openapi"] as? String)?.hasPrefix("3.1") == true)

        let page = try site.page("api-reference/index.html")
        #expect(page.contains("<title>API reference · Fixture Telecom</title>"))
        // Grouped by tag, each operation with its method, path, auth, body fields and error codes.
        #expect(page.contains(#"<h2 id="tag-operator">Operator</h2>"#))
        #expect(page.contains(#"<h3 id="op-register"><span class="method">POST</span> <code>/v1/accounts</code></h3>"#))
        #expect(page.contains(#"<h3 id="op-revokeApiKey"><span class="method">DELETE</span> <code>/v1/api-keys/{id}</code></h3>"#))
        #expect(page.contains("<strong>Authentication:</strong> session"))
        #expect(page.contains("<td><code>acceptAgreement</code></td>"))
        #expect(page.contains("<li><code>agreement_not_accepted</code></li>"))
        #expect(page.contains("at most 254 characters"))
        #expect(page.contains(#"<h3 id="schema-Account">Account</h3>"#))
        #expect(page.contains(##"<a href="#schema-Account">Account</a>"##))
        // Every operation of the document has its section.
        let paths = try #require(json["paths"] as? [String: [String: Any]])
        for (_, item) in paths {
            for case let operation as [String: Any] in item.values {
                let id = try #require(operation["operationId"] as? String)
                #expect(page.contains(#"id="op-\#(id)""#), "no section for \(id)")
            }
        }
        // The sitemap lists the page.
        #expect(try site.page("sitemap.xml").contains("/api-reference/"))
    }

    @Test("Text from the document is escaped; Markdown in descriptions is rendered without raw HTML")
    func escaped() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let document = """
            {"openapi": "3.1.0", "info": {"title": "Evil <script>", "version": "1",
              "description": "Use `code` and <b>no raw HTML</b>."},
             "paths": {"/v1/x": {"get": {"operationId": "x", "summary": "A <summary> & more", "tags": ["T"],
               "security": [{}], "responses": {"200": {"description": "ok"}, "401": {"description": "no"}}}}}}
            """
        try site.write("static/api/openapi.json", document)
        try await site.build()
        let page = try site.page("api-reference/index.html")
        #expect(page.contains("Evil &lt;script&gt;"))
        #expect(page.contains("A &lt;summary&gt; &amp; more"))
        #expect(page.contains("<code>code</code>"))
        #expect(!page.contains("<b>no raw HTML</b>"))
        #expect(!page.contains("<script>"))
    }

    @Test("A site's static/api/openapi.json that is not an OpenAPI document is a check error")
    func broken() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("static/api/openapi.json", #"{"info": {"title": "no version"}}"#)
        let report = await site.check()
        #expect(report.has("static/api/openapi.json", "cannot render the API reference"))
    }

    @Test("Pages may not take the reference's address")
    func reservedSlug() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/pages/api-reference.md", "---\ntitle: Mine\n---\nText.\n")
        let report = await site.check()
        #expect(report.has("content/pages/api-reference.md", "taken by the portal's own pages"))
    }
}
