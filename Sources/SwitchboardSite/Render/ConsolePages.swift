import SwitchboardCore

/// The developer console: pages under `/console/` whose HTML shell is rendered at build time
/// (forms, tables, labels, the agreement in effect) and whose data comes from the same-origin
/// `/v1` API through the theme's small ES modules in `static/js/console/`.
struct ConsolePage: Sendable, Equatable {
    /// The last part of the URL; `""` for the overview at `/console/`.
    let slug: String
    let title: String
    let description: String
    /// Who may use the page: anyone, a logged-in developer, or the operator (admin token).
    let audience: Audience
    /// Shown in the console's own navigation (the developer pages and the operator's).
    let inNavigation: Bool

    enum Audience: Sendable, Equatable {
        case visitor, developer, `operator`
    }

    var url: String { slug.isEmpty ? "/console/" : "/console/\(slug)/" }
    /// The theme template with the page's own part (`console-keys`).
    var template: String { "console-\(slug.isEmpty ? "overview" : slug)" }
    /// The page's module under the theme's static files (`js/console/keys.js`).
    var module: String { "js/console/\(slug.isEmpty ? "overview" : slug).js" }

    /// Every console page, in the order of the console's navigation.
    static let all: [ConsolePage] = [
        ConsolePage(
            slug: "", title: "Overview", description: "Your balance, packages, capabilities, agreement and upcoming price changes.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "send", title: "Send a test", description: "Send a test SMS or call and watch its status change live.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "sends", title: "Sends", description: "Every SMS and call of your account, filtered and paged, with status history.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "keys", title: "API keys", description: "Create, list and revoke the API keys your programs use.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "capabilities", title: "Capabilities",
            description: "Apply for SMS and voice, accepting their terms, and see each application's state.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "bills", title: "Bills", description: "Monthly bills, detailed bills and their CSV download.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "stats", title: "Statistics", description: "Sends by status and spend per day, as charts and tables.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "security", title: "Security",
            description: "Log out, or report a compromised account: every key and session is revoked at once.",
            audience: .developer, inNavigation: true),
        ConsolePage(
            slug: "signup", title: "Sign up",
            description: "Open a developer account: entity type, organisation details and the service agreement.",
            audience: .visitor, inNavigation: false),
        ConsolePage(
            slug: "login", title: "Log in", description: "Log in to the developer console with your e-mail address and password.",
            audience: .visitor, inNavigation: false),
        ConsolePage(
            slug: "operator", title: "Operator",
            description: "Pending capability applications and accounts: top-ups, suspensions and terminations.",
            audience: .operator, inNavigation: false),
    ]

    /// The template names of the console, for the theme's list.
    static var templateNames: [String] { ["console"] + all.map(\.template) }
}

extension PortalRenderer {
    /// A console page: the shared console frame (navigation, log-in prompt, module) around the
    /// page's own template, filled with what the build knows (the agreement in effect, the
    /// upcoming version, the prices page).
    func consolePage(_ page: ConsolePage) -> (path: String, html: String) {
        var facts: [String: Any] = [
            "siteTitle": portal.config.title,
            "agreement": Context.optional(
                portal.currentAgreement.map { ["version": $0.version, "title": $0.title, "url": "/agreement/\($0.version)/"] }),
            "upcomingAgreement": Context.optional(
                portal.upcomingAgreement.map { version -> [String: Any] in
                    [
                        "version": version.version, "title": version.title, "url": "/agreement/\(version.version)/",
                        "effectiveText": portal.time.longDateTime(version.effective),
                        "changesURL": Context.optional(
                            portal.previous(of: version).map { _ in "/agreement/\(version.version)/changes/" }),
                    ]
                }),
            "apiReference": theme.apiReference != nil ? APIReference.url : false,
        ]
        facts["module"] = "/" + page.module
        let navigation = ConsolePage.all.filter(\.inNavigation).map { item -> [String: Any] in
            ["title": item.title, "url": item.url, "current": item == page]
        }
        let context: [String: Any] = [
            "title": page.title,
            "description": page.description,
            "module": "/" + page.module,
            "developer": page.audience == .developer,
            "operator": page.audience == .operator,
            "navigation": navigation,
            "body": theme.render(page.template, facts),
        ]
        return self.page(page.url, title: "\(page.title) · Console", description: page.description, body: theme.render("console", context))
    }
}
