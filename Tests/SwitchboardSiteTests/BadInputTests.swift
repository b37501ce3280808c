import Foundation
import Testing

@testable import SwitchboardSite

/// Broken files end in a diagnostic naming the file: never a crash, never a partial output.
@Suite("Bad input")
struct BadInputTests {
    /// Builds once so that `public/` exists, breaks the site, and proves the build fails with a
    /// diagnostic for `path` while the previous output stays exactly as it was.
    private func expectRefused(_ path: String, _ fragment: String, breaking: (FixtureSite) throws -> Void) async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let before = try site.page("index.html")
        try breaking(site)
        let report = await site.check()
        #expect(report.has(path, fragment), "\(report.lines)")
        await #expect(throws: SiteBuilder.Failure.self) { try await site.build() }
        #expect(try site.page("index.html") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test("Broken YAML names the file and line")
    func brokenYAML() async throws {
        // The unclosed list opens on line 3; the YAML parser notices on the next line.
        try await expectRefused("content/announcements/welcome.md:4: error:", "not valid YAML") { site in
            try site.edit("content/announcements/welcome.md", replacing: "kind: general", with: "kind: [general")
        }
    }

    @Test("Invalid UTF-8 is refused with its line")
    func invalidUTF8() async throws {
        try await expectRefused("content/pages/bad.md:3: error:", "not valid UTF-8") { site in
            try site.writeData("content/pages/bad.md", Data("---\ntitle: Bad\n".utf8) + Data([0xC3, 0x28, 0x0A]) + Data("---\n".utf8))
        }
    }

    @Test("A binary file is refused")
    func binaryFile() async throws {
        try await expectRefused("content/pages/image.md: error:", "binary") { site in
            try site.writeData("content/pages/image.md", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]))
        }
    }

    @Test("An empty file is refused")
    func emptyFile() async throws {
        try await expectRefused("content/announcements/empty.md: error:", "empty") { site in
            try site.write("content/announcements/empty.md", "")
        }
    }

    @Test("A file without front matter, or with it unclosed, is refused")
    func missingFrontMatter() async throws {
        try await expectRefused("content/pages/plain.md:1: error:", "must start with a '---' line") { site in
            try site.write("content/pages/plain.md", "# Just Markdown\n")
        }
        try await expectRefused("content/pages/open.md:1: error:", "not closed") { site in
            try site.write("content/pages/open.md", "---\ntitle: Open\n")
        }
    }

    @Test("A 50 MB file is refused without reading it into a page")
    func hugeFile() async throws {
        try await expectRefused("content/announcements/huge.md: error:", "content files may be at most 8 MB") { site in
            let line = Data(String(repeating: "lorem ipsum ", count: 100).utf8 + [0x0A])
            var data = Data("---\ntitle: Huge\nkind: general\npublished: 2026-01-01\n---\n".utf8)
            data.reserveCapacity(50 * 1_048_576 + 2_000)
            while data.count < 50 * 1_048_576 { data.append(line) }
            try site.writeData("content/announcements/huge.md", data)
        }
    }

    @Test("A symbolic link loop is reported, not followed")
    func linkLoop() async throws {
        try await expectRefused("content/pages/loop.md: error:", "cannot read the file") { site in
            let loop = site.root.appendingPathComponent("content/pages/loop.md").path
            try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        }
    }

    @Test("A missing content folder is an error; missing sections are allowed")
    func missingFolders() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.remove("content")
        try site.write("content/pages/index.md", "---\ntitle: Only a home page\n---\nHello.\n")
        #expect(await site.check().lines == [])
        try await site.build()
        #expect(try site.page("prices/index.html").contains("No prices are in effect yet."))
        try site.remove("content")
        let report = await site.check()
        #expect(report.has("content: error:", "no content/ folder"))
    }

    @Test("A broken template override names the template and line")
    func brokenTemplate() async throws {
        // The section opened on line 2 is still open at the end of the file.
        try await expectRefused("templates/page.mustache:4: error:", "template error") { site in
            try site.write("templates/page.mustache", "<article>\n{{#title}}\n</article>\n")
        }
    }

    @Test("Building into the site folder itself is refused before anything is touched")
    func unsafeOutput() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        await #expect(throws: SiteBuilder.Failure.self) {
            try await SiteBuilder.build(.init(site: site.root, output: site.root, now: FixtureSite.now))
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/pages/index.md").path))
    }
}
