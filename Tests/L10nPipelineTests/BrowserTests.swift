import FoundationEssentials
import Testing

@testable import L10nPipeline

/// The dashboard and the HTML bundles as a real browser renders them: Debian's Chromium, headless
/// (`make test` installs it; without it these tests are skipped with this message).
@Suite(.enabled(if: TestSupport.chromium != nil, "Chromium is not installed (make browser): browser tests skipped"))
struct BrowserTests {
    static var chromium: String? { TestSupport.chromium }

    /// The DOM Chromium builds from a file, after rendering.
    static func dom(_ path: String) throws -> String {
        let run = try CLIRun.run(
            executable: try #require(chromium),
            [
                "--headless=new", "--no-sandbox", "--disable-gpu",
                "--dump-dom", "file://" + path,
            ])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    let root: String

    init() throws {
        root = try TestSupport.sampleProject()
        // Some work for the coordinator: one changed sentence (needs review), one check finding.
        let source = root + "/Sources-EN/news/week-of-rare-cancers.md"
        try TestSupport.write(
            try TestSupport.read(source).replacing("relatively poor prognosis", with: "rather poor prognosis"),
            to: source)
        try TestSupport.write(try TestSupport.read(source) + "\nOne more sentence, new.\n", to: source)
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        let xliff = root + "/Locales/nl/news/week-of-rare-cancers.md.xlf"
        try TestSupport.write(
            try TestSupport.read(xliff).replacing(
                "Wilt u weten hoe u kunt bijdragen aan vooruitgang?",
                with: "Wilt u weten hoe u kunt bijdragen aan vooruitgang"), to: xliff)
        #expect(try CLIRun.run(["build", "--locale", "all", "--format", "html", "--root", root]).status == 0)
        #expect(try CLIRun.run(["report", "--root", root]).status == 0)
    }

    @Test func theDashboardShowsStatusFigures() throws {
        defer { TestSupport.remove(root) }
        let status = StatusReport.collect(try Project(root: root))
        let dom = try Self.dom(root + "/Bundles/report/index.html")
        #expect(!dom.contains("<script"))
        for locale in status.locales {
            let share = Int((locale.share * 100).rounded(.down))
            #expect(dom.contains("<section data-locale=\"\(locale.locale)\">"))
            #expect(
                dom.contains("data-share=\"\(share)\">\(share)%</span> of \(locale.words) words"), "\(locale.locale)")
            #expect(dom.contains("data-words=\"\(locale.words)\" data-publishable=\"\(locale.publishableWords)\""))
            for document in locale.documents {
                #expect(
                    dom.contains(
                        "data-path=\"\(document.path)\" data-share=\"\(Int((document.share * 100).rounded(.down)))\""))
            }
        }
        #expect(dom.contains("<del>relatively</del> <ins>rather</ins>"))
        #expect(dom.contains("punctuation"))
        let shot = root + "/dashboard.png"
        let run = try CLIRun.run(
            executable: try #require(Self.chromium),
            [
                "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1100,1200", "--screenshot=" + shot,
                "file://" + root + "/Bundles/report/index.html",
            ])
        #expect(run.status == 0)
        #expect(try #require(try FileStore.read(shot)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func bundlePagesCarryLanguageDirectionAlternatesAndFallbacks() throws {
        defer { TestSupport.remove(root) }
        let dom = try Self.dom(root + "/Bundles/nl/news/week-of-rare-cancers.html")
        #expect(dom.contains("<html lang=\"nl\" dir=\"ltr\">"))
        #expect(
            dom.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../../en/news/week-of-rare-cancers.html\">"))
        #expect(
            dom.contains(
                "<title>Week van de Zeldzame Kanker zet patiënten met ongewone tumoren in de schijnwerpers</title>"))
        // The sentence that changed is shown in English, marked as such (WCAG "language of parts").
        #expect(dom.contains("<span lang=\"en\">Because specific knowledge is limited"))
        #expect(!dom.contains("<script"))
        let index = try Self.dom(root + "/Bundles/nl/index.html")
        #expect(index.contains("href=\"./news/week-of-rare-cancers.html\""))
    }

    @Test func rightToLeftPagesSayRTL() throws {
        defer { TestSupport.remove(root) }
        let project = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(project) }
        try TestSupport.write("targets: [en, ar]\npublish: { threshold: 0 }\n", to: project + "/ccl10n.yml")
        try TestSupport.write("---\ntitle: Rare\n---\n\n# Rare cancers\n", to: project + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: project)).run()
        try TestSupport.translate(project + "/Locales/ar/a.md.xlf", ["Rare cancers": "السرطانات النادرة"])
        _ = Builder(project: try Project(root: project), html: true).run(locale: try #require(LocaleTag("ar")))
        let dom = try Self.dom(project + "/Bundles/ar/a.html")
        #expect(dom.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(dom.contains("<h1>السرطانات النادرة</h1>"))
    }
}
