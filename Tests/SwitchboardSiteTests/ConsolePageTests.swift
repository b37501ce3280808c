import Foundation
import Testing

@testable import SwitchboardSite

/// The developer console's pages as `switchboard build` renders them: every page, its module
/// and the modules it imports, the logged-out state, labels and error slots, and incremental
/// builds that notice a changed console template or module.
@Suite("Console pages")
struct ConsolePageTests {
    /// `console/keys/index.html` for `/console/keys/`.
    static func file(_ page: ConsolePage) -> String { String(page.url.dropFirst()) + "index.html" }

    /// The values of `attribute` on the tags of an HTML text, in order.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        html.matches(of: try! Regex("\\s\(attribute)=\"([^\"]*)\"")).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The tags of `html` with their attributes, by tag name (`input`, `select` …).
    static func tags(_ names: [String], in html: String) -> [String] {
        html.matches(of: try! Regex("<(\(names.joined(separator: "|")))\\b[^>]*>")).map { String($0.output[0].substring ?? "") }
    }

    static func attribute(_ name: String, of tag: String) -> String? {
        tag.firstMatch(of: try! Regex("\\s\(name)=\"([^\"]*)\""))?.output[1].substring.map(String.init)
    }

    @Test("The build writes every console page, each loading its own module, whose imports all exist")
    func everyPageAndModule() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        #expect(ConsolePage.all.count == 11)
        #expect(Set(ConsolePage.all.map(\.url)).count == ConsolePage.all.count)
        for page in ConsolePage.all {
            let html = try site.page(ConsolePageTests.file(page))
            #expect(html.contains("<script type=\"module\" src=\"/\(page.module)\"></script>"), "\(page.url) does not load \(page.module)")
            #expect(html.contains("<h1>\(page.title)</h1>"))
            #expect(html.contains("<title>\(page.title) · Console · Fixture Telecom</title>"))
            #expect(site.exists(page.module), "\(page.module) is not in the output")
        }
        // Each module's relative imports name a module that is published too.
        let modules = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("js/console").path)
        #expect(modules.contains("api.js") && modules.contains("ui.js") && modules.contains("charts.js"))
        for module in modules where module.hasSuffix(".js") {
            let text = try site.page("js/console/\(module)")
            for match in text.matches(of: /from "\.\/([a-z-]+\.js)"/) {
                #expect(modules.contains(String(match.output.1)), "js/console/\(module) imports a missing \(match.output.1)")
            }
            // No external host: the only absolute URL is SVG's namespace name, which is never fetched.
            let urls = text.replacingOccurrences(of: "\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!urls.contains("http://") && !urls.contains("https://"), "js/console/\(module) names an external host")
            // Only api.js touches storage, and it keeps nothing but the session token in localStorage.
            if module != "api.js" {
                #expect(!text.contains("localStorage.") && !text.contains("sessionStorage."), "js/console/\(module) uses storage")
            }
        }
        let api = try site.page("js/console/api.js")
        #expect(api.matches(of: /localStorage\.setItem\(/).count == 1)
        #expect(api.contains("localStorage.setItem(SESSION_KEY, token)"))
    }

    @Test("Developer pages show the log-in prompt and hide their body until a session is found")
    func loggedOutState() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        for page in ConsolePage.all {
            let html = try site.page(ConsolePageTests.file(page))
            switch page.audience {
            case .developer:
                #expect(html.contains("data-gate"), "\(page.url) has no log-in prompt")
                #expect(html.contains("<div class=\"console-body\" data-console-body hidden>"))
                #expect(html.contains("<nav class=\"console-nav\" aria-label=\"Console\">"))
                #expect(html.contains("<a href=\"\(page.url)\" aria-current=\"page\">\(page.title)</a>"))
            case .visitor, .operator:
                #expect(!html.contains("data-gate"))
                #expect(html.contains("<div class=\"console-body\" data-console-body>"))
            }
            // The site menu's Console entry is current on every console page.
            #expect(html.contains("<a href=\"/console/\" aria-current=\"page\">Console</a>"))
        }
    }

    @Test("Every field has a label, and every error slot is named by its field's aria-describedby")
    func labelsAndErrorSlots() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        for page in ConsolePage.all {
            let html = try site.page(ConsolePageTests.file(page))
            let labelled = Set(ConsolePageTests.tags(["label"], in: html).compactMap { ConsolePageTests.attribute("for", of: $0) })
            let fields = ConsolePageTests.tags(["input", "select", "textarea"], in: html)
            for field in fields {
                let id = ConsolePageTests.attribute("id", of: field)
                #expect(id != nil && labelled.contains(id ?? ""), "\(page.url): \(field) has no label")
            }
            let slots = ConsolePageTests.tags(["p"], in: html).filter { $0.contains("data-error-for=") }
            for slot in slots {
                let name = ConsolePageTests.attribute("data-error-for", of: slot) ?? ""
                let slotID = ConsolePageTests.attribute("id", of: slot) ?? ""
                let named = fields.filter { ConsolePageTests.attribute("name", of: $0) == name }
                #expect(!named.isEmpty, "\(page.url): the error slot for '\(name)' has no field")
                for field in named {
                    let describedBy = (ConsolePageTests.attribute("aria-describedby", of: field) ?? "").split(separator: " ")
                    #expect(describedBy.contains(Substring(slotID)), "\(page.url): \(field) does not point at #\(slotID)")
                }
            }
            #expect(!html.contains("style=\""), "\(page.url) has inline styles")
        }
    }

    @Test("Sign-up and capabilities name the agreement in effect, and the coming version with its changes")
    func agreementFacts() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // Before 1 December agreement 1.0 is in effect and 2.0 is announced.
        try await site.build(now: FixtureSite.moment("2026-11-25T12:00:00+08:00"))
        let signUp = try site.page("console/signup/index.html")
        #expect(signUp.contains("name=\"acceptAgreement\" value=\"1.0\" required"))
        #expect(signUp.contains("<a href=\"/agreement/1.0/\" data-agreement-link>Service Agreement</a>"))
        #expect(signUp.contains("Version 2.0 of the agreement takes effect on"))
        #expect(signUp.contains("<a href=\"/agreement/2.0/changes/\">See what changes</a>"))
        let capabilities = try site.page("console/capabilities/index.html")
        #expect(capabilities.contains("name=\"acceptTerms\" value=\"1.0\" required"))
        // Once 2.0 is in effect there is nothing coming.
        try await site.build()
        let later = try site.page("console/signup/index.html")
        #expect(later.contains("name=\"acceptAgreement\" value=\"2.0\" required"))
        #expect(!later.contains("of the agreement takes effect on"))
    }

    @Test("Links to console pages resolve in the link check")
    func consoleLinksResolve() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/pages/start.md",
            "---\ntitle: Start\n---\n[Sign up](/console/signup/), then [create a key](/console/keys/) and [watch a send](/console/send/).\n"
        )
        let report = await site.check()
        #expect(report.errors.isEmpty, "\(report.lines)")
        try site.write("content/pages/start.md", "---\ntitle: Start\n---\n[Nowhere](/console/nowhere/)\n")
        #expect(await site.check().has("content/pages/start.md", "/console/nowhere/"))
    }

    @Test("A changed console template or module reaches the output of an incremental build")
    func overridesRebuild() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let original = try site.page("js/console/api.js")
        try site.write("templates/console-keys.mustache", "<p>Keys are managed elsewhere on this site.</p>\n")
        try site.write("static/js/console/api.js", "export const overridden = true;\n")
        let summary = try await site.build()
        #expect(try site.page("console/keys/index.html").contains("Keys are managed elsewhere on this site."))
        #expect(try site.page("js/console/api.js") == "export const overridden = true;\n")
        #expect(summary.warnings.allSatisfy { !$0.description.contains("no page uses a template") })
        try site.remove("templates/console-keys.mustache")
        try site.remove("static/js/console/api.js")
        try await site.build()
        #expect(try !site.page("console/keys/index.html").contains("Keys are managed elsewhere"))
        #expect(try site.page("js/console/api.js") == original)
    }

    @Test("The theme's fingerprint covers the console's templates and modules")
    func fingerprintCoversConsole() throws {
        #expect(Set(ConsolePage.templateNames).isSubset(of: Set(Theme.templateNames)))
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let before = try Theme.load(site: site.root).get().fingerprint
        try site.write("static/js/console/charts.js", "export {};\n")
        let afterModule = try Theme.load(site: site.root).get().fingerprint
        #expect(afterModule != before)
        try site.write("templates/console-stats.mustache", "<p>No charts here.</p>\n")
        let afterTemplate = try Theme.load(site: site.root).get().fingerprint
        #expect(afterTemplate != afterModule)
    }
}
