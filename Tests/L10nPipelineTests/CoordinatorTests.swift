import Testing

@testable import L10nPipeline

/// The coordinator's tools: status and check, and how build treats what check finds.
@Suite final class CoordinatorTests {
    static let article = """
        # Rare cancers

        About {130000, number} people live with a rare cancer. The COHERENT project has 12 partners.

        Treatment takes 3 to 4 weeks in 2021. Contact us today!

        """

    let root: String
    var xliff: String { root + "/Locales/nl/a.md.xlf" }

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write(Self.article, to: root + "/Sources-EN/a.md")
        try TestSupport.write("publish: { threshold: 0.3 }\n", to: root + "/ccl10n.yml")
        try TestSupport.write(
            "terms:\n  - en: rare cancer\n    nl: zeldzame kanker\n  - term: COHERENT\n    translate: no\n",
            to: root + "/Locales/glossary.yml")
        _ = Extractor(project: try Project(root: root)).run()
    }

    deinit { TestSupport.remove(root) }

    @Test func checkFindsEachProblemAtItsUnit() throws {
        try TestSupport.translate(
            xliff,
            [
                "Rare cancers": "Rare cancers",
                "About <x id=\"1\" ctype=\"x-value\" equiv-text=\"130,000\"/> people live with a rare cancer.":
                    "Ongeveer mensen leven met een zeldzame ziekte.",
                "The COHERENT project has 12 partners.": "Het project Coherent heeft 1.200 partners",
                "Treatment takes 3 to 4 weeks in 2021.":
                    "De behandeling duurt 3 tot 4 weken in 2021 &lt;script&gt;alert(1)&lt;/script&gt;.",
                "Contact us today!": "Neem  vandaag contact op!",
            ])
        let report = QualityReport.collect(try Project(root: root))
        let rules = Set(report.findings.map(\.rule))
        #expect(
            rules == [
                "untranslated", "value-missing", "glossary", "do-not-translate", "numbers", "punctuation", "markup",
                "spaces",
            ],
            "\(report.findings.map(\.description))")
        #expect(report.errorCount == 2)
        let markup = try #require(report.findings.first { $0.rule == "markup" })
        #expect(markup.path == "Locales/nl/a.md.xlf" && markup.line > 0 && markup.unit.hasPrefix("p-"))
        // Numbers are compared as numbers: "1.200" in Dutch is 1200, not 12.
        #expect(
            report.findings.contains {
                $0.rule == "numbers" && $0.message.contains("the source has 12, the target 1200")
            })

        let run = try CLIRun.run(["check", "--root", root])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Locales/nl/a.md.xlf:"))

        // Build does not publish a translation with an error: the source stands in, escaped and marked.
        let build = Builder(project: try Project(root: root)).run(locale: .dutch)
        let page = try TestSupport.read(root + "/Bundles/nl/a.md")
        #expect(!page.contains("<script>") && !page.contains("alert"))
        #expect(page.contains("<span lang=\"en\">Treatment takes 3 to 4 weeks in 2021.</span>"))
        #expect(build.manifest.documents.first?.fallbackUnits.count == 2)
    }

    @Test func aCleanTranslationPassesStrictCheck() throws {
        try TestSupport.translate(
            xliff,
            [
                "Rare cancers": "Zeldzame kankers",
                "About <x id=\"1\" ctype=\"x-value\" equiv-text=\"130,000\"/> people live with a rare cancer.":
                    "Ongeveer <x id=\"1\"/> mensen leven met een zeldzame kanker.",
                "The COHERENT project has 12 partners.": "Het COHERENT-project heeft 12 partners.",
                "Treatment takes 3 to 4 weeks in 2021.": "De behandeling duurt 3 tot 4 weken in 2021.",
                "Contact us today!": "Neem vandaag contact op!",
            ])
        let run = try CLIRun.run(["check", "--strict", "--root", root])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("0 errors, 0 warnings"))
    }

    @Test func statusCountsWhatBuildPublishes() throws {
        try TestSupport.translate(
            xliff, ["Rare cancers": "Zeldzame kankers", "Contact us today!": "Neem vandaag contact op!"])
        try TestSupport.write(Self.article + "A new paragraph.\n", to: root + "/Sources-EN/a.md")
        let status = StatusReport.collect(try Project(root: root), locales: [.dutch])
        let document = try #require(status.locales.first?.documents.first)
        #expect(document.pending == MergeSummary(added: 1))
        #expect(document.unitsByState == ["translated": 2, "new": 3, "missing": 1])
        let build = Builder(project: try Project(root: root)).run(locale: .dutch)
        let entry = try #require(build.manifest.documents.first)
        #expect(document.publishableWords == entry.translatedWords)
        #expect(document.words == entry.words)
        let json = try CLIRun.run(["status", "--json", "--root", root])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"publishableWords\" : \(entry.translatedWords)"))
        #expect(json.stdout.contains("\"schema\" : 1"))
    }
}
