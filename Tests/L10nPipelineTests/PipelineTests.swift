import Testing

@testable import L10nPipeline

/// Extract and build on a temporary content project, through the real libraries and real files.
@Suite final class PipelineTests {
    static let article = """
        ---
        title: Rare cancers
        date: 2021-03-08
        ---

        # Week of Rare Cancers

        The week runs {2021-03-08/2021-03-14, daterange, ::MMMMd} and is *important*.

        The FORCE project received {3400000 EUR, currency}.

        About {130000, number} people live with a rare cancer.
        """

    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write(Self.article, to: root + "/Sources-EN/news/week.md")
    }

    deinit { TestSupport.remove(root) }

    var xliffPath: String { root + "/Locales/nl/news/week.md.xlf" }

    func extract() throws -> Extractor.Report {
        let report = Extractor(project: try Project(root: root)).run()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        return report
    }

    func build(_ locale: String = "nl") throws -> Builder.Report {
        Builder(project: try Project(root: root)).run(locale: try #require(LocaleTag(locale)))
    }

    func translateAll() throws {
        try TestSupport.translate(
            xliffPath,
            [
                "Rare cancers": "Zeldzame kanker",
                "Week of Rare Cancers": "Week van de Zeldzame Kanker",
                "The week runs <x id=\"1\" ctype=\"x-value\" equiv-text=\"March 8\u{2009}–\u{2009}14\"/> and is <g id=\"2\" ctype=\"italic\">important</g>.":
                    "De week loopt <x id=\"1\"/> en is <g id=\"2\">belangrijk</g>.",
                "The FORCE project received <x id=\"1\" ctype=\"x-value\" equiv-text=\"€3,400,000.00\"/>.":
                    "Het project FORCE kreeg <x id=\"1\"/>.",
                "About <x id=\"1\" ctype=\"x-value\" equiv-text=\"130,000\"/> people live with a rare cancer.":
                    "Ongeveer <x id=\"1\"/> mensen leven met een zeldzame kanker.",
            ])
    }

    @Test(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: schema check skipped"))
    func extractWritesSchemaValidXLIFF12() throws {
        let report = try extract()
        #expect(report.changedFiles == ["Locales/nl/news/week.md.xlf"])
        #expect(report.summary == MergeSummary(added: 5, changed: 0, removed: 0, kept: 0))
        let schema = try TestSupport.xliff12Schema()
        #expect(schema.validate(bytes: try #require(try FileStore.read(xliffPath)), path: xliffPath).isEmpty)
        try translateAll()
        _ = try extract()
        #expect(schema.validate(bytes: try #require(try FileStore.read(xliffPath)), path: xliffPath).isEmpty)
    }

    @Test func secondExtractWritesNothing() throws {
        _ = try extract()
        let before = try TestSupport.snapshot(root)
        let again = try extract()
        #expect(again.changedFiles.isEmpty)
        #expect(try TestSupport.snapshot(root) == before)
    }

    @Test func translatedBuildHasDutchTextAndDutchValues() throws {
        _ = try extract()
        try translateAll()
        let report = try build()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let page = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(
            page == """
                ---
                title: Zeldzame kanker
                date: 2021-03-08
                date_localized: "8 maart 2021"
                ---

                # Week van de Zeldzame Kanker

                De week loopt 8–14 maart en is *belangrijk*.

                Het project FORCE kreeg €\u{A0}3.400.000,00.

                Ongeveer 130.000 mensen leven met een zeldzame kanker.
                """)
        let entry = try #require(report.manifest.documents.first)
        #expect(entry.translatedUnits == 5 && entry.units == 5 && !entry.fallback)
        #expect(entry.unitsByState == ["translated": 5])
        #expect(entry.xliff == "Locales/nl/news/week.md.xlf")
    }

    @Test func sourceLocaleBundleKeepsTheBytesAndFormatsValues() throws {
        _ = try extract()
        _ = try build("en")
        let page = try TestSupport.read(root + "/Bundles/en/news/week.md")
        #expect(
            page
                == Self.article
                .replacing("date: 2021-03-08\n", with: "date: 2021-03-08\ndate_localized: \"March 8, 2021\"\n")
                .replacing("{2021-03-08/2021-03-14, daterange, ::MMMMd}", with: "March 8\u{2009}–\u{2009}14")
                .replacing("{3400000 EUR, currency}", with: "€3,400,000.00")
                .replacing("{130000, number}", with: "130,000"))
    }

    @Test func reExtractKeepsTranslationsAndAChangedSentenceNeedsReview() throws {
        // With the default 80% the one stale paragraph would hold the whole page back; publish it anyway.
        try TestSupport.write("publish:\n  threshold: 0.5\n", to: root + "/ccl10n.yml")
        _ = try extract()
        try translateAll()
        try TestSupport.write(
            Self.article.replacing("is *important*", with: "is *very important*"), to: root + "/Sources-EN/news/week.md"
        )
        let report = try extract()
        #expect(report.summary == MergeSummary(added: 0, changed: 1, removed: 0, kept: 4))
        let stored = try XLIFFFile.parse(try #require(try FileStore.read(xliffPath)), path: xliffPath).storedUnits()
        #expect(stored.values.filter { $0.state == .translated }.count == 4)
        let changed = try #require(stored.values.first { $0.state == .needsReview })
        #expect(changed.source.plainText == "The week runs  and is very important.")
        #expect(changed.target?.plainText == "De week loopt  en is belangrijk.")
        let xml = try TestSupport.read(xliffPath)
        #expect(xml.contains("<alt-trans alttranstype=\"previous-version\" tool-id=\"ccl10n\">"))
        #expect(
            xml.contains(
                "<source>The week runs <x id=\"1\" ctype=\"x-value\" equiv-text=\"March 8\u{2009}–\u{2009}14\"/> and is <g id=\"2\" ctype=\"italic\">important</g>.</source>"
            ))
        // The stale translation is not published: that paragraph falls back to English, marked as such.
        _ = try build()
        let built = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(built.contains("<span lang=\"en\">The week runs 8–14 maart and is *very important*.</span>"))
        #expect(built.contains("Het project FORCE kreeg"))
    }

    @Test func translatorNotesAndForeignMarkupSurviveReExtract() throws {
        _ = try extract()
        try translateAll()
        var xml = try TestSupport.read(xliffPath)
        xml = xml.replacing(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">",
            with: "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:mq=\"urn:x-memoq\" version=\"1.2\">")
        xml = xml.replacing(
            "<target state=\"translated\">Zeldzame kanker</target>",
            with:
                "<target state=\"translated\" mq:status=\"ManuallyConfirmed\">Zeldzame kanker</target>\n<note from=\"translator\">Checked with the editor.</note><!-- kept -->\n<mq:extra>data</mq:extra>"
        )
        try TestSupport.write(xml, to: xliffPath)
        _ = try extract()
        let after = try TestSupport.read(xliffPath)
        #expect(after.contains("mq:status=\"ManuallyConfirmed\""))
        #expect(after.contains("<note from=\"translator\">Checked with the editor.</note>"))
        #expect(after.contains("<!-- kept -->"))
        #expect(after.contains("<mq:extra>data</mq:extra>"))
        // Whitespace is normalised once; a further extract is byte-stable.
        let report = try extract()
        #expect(report.changedFiles.isEmpty)
    }

    @Test func removedTranslatedUnitIsKeptAndComesBack() throws {
        _ = try extract()
        try translateAll()
        let without = Self.article.replacing("The FORCE project received {3400000 EUR, currency}.\n\n", with: "")
        try TestSupport.write(without, to: root + "/Sources-EN/news/week.md")
        #expect(try extract().summary.removed == 1)
        #expect(try TestSupport.read(xliffPath).contains("<group id=\"ccl10n-removed\" translate=\"no\">"))
        try TestSupport.write(Self.article, to: root + "/Sources-EN/news/week.md")
        #expect(try extract().summary.kept == 5)
        let xml = try TestSupport.read(xliffPath)
        #expect(!xml.contains("ccl10n-removed"))
        #expect(xml.contains("Het project FORCE kreeg <x id=\"1\"/>."))
    }

    @Test func malformedXLIFFIsAPositionedErrorAndNothingChanges() throws {
        _ = try extract()
        let broken = try TestSupport.read(xliffPath).replacing("</body>", with: "</bdy>")
        try TestSupport.write(broken, to: xliffPath)
        try TestSupport.write(Self.article + "\n\nA new paragraph.\n", to: root + "/Sources-EN/news/week.md")
        let before = try TestSupport.snapshot(root)
        let report = Extractor(project: try Project(root: root)).run()
        #expect(report.hasErrors)
        let first = try #require(report.diagnostics.first)
        #expect(first.path == xliffPath)
        let brokenLine = try #require(
            broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("</bdy>") })
        #expect(first.line == brokenLine + 1 && first.column > 0, "\(first)")
        #expect(first.message.contains("mismatch"))
        #expect(try TestSupport.snapshot(root) == before)
    }

    @Test func doctypeIsRefused() throws {
        _ = try extract()
        let xml = try TestSupport.read(xliffPath)
        let hostile = xml.replacing(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            with:
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        )
        try TestSupport.write(hostile, to: xliffPath)
        let report = Extractor(project: try Project(root: root)).run()
        #expect(
            report.diagnostics.map(\.description).contains {
                $0.contains(":2:1: error: DOCTYPE declarations are refused")
            })
        #expect(try TestSupport.read(xliffPath) == hostile)
    }

    @Test func aDocumentBelowTheThresholdIsPublishedInItsSourceLanguage() throws {
        _ = try extract()
        try TestSupport.translate(xliffPath, ["Rare cancers": "Zeldzame kanker"])
        let report = try build()
        let entry = try #require(report.manifest.documents.first)
        #expect(entry.fallback)
        #expect(entry.fallbackReason?.contains("below the 80% threshold") == true)
        let page = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(page.contains("title: Rare cancers"))
        #expect(page.contains("The FORCE project received €\u{A0}3.400.000,00."))
    }

    @Test func aTargetWithForeignCodesFallsBackToTheSource() throws {
        _ = try extract()
        try translateAll()
        let xml = try TestSupport.read(xliffPath).replacing(
            "Het project FORCE kreeg <x id=\"1\"/>.", with: "Het project <g id=\"9\">FORCE</g> kreeg <x id=\"1\"/>.")
        try TestSupport.write(xml, to: xliffPath)
        let report = try build()
        #expect(
            report.diagnostics.contains {
                $0.severity == .warning && $0.message.contains("code '9' that the source does not")
            })
        let entry = try #require(report.manifest.documents.first)
        #expect(entry.fallbackUnits.count == 1)
        #expect(
            try TestSupport.read(root + "/Bundles/nl/news/week.md").contains(
                "<span lang=\"en\">The FORCE project received €\u{A0}3.400.000,00.</span>"))
    }

    @Test func translatedMarkupIsEscapedNotEmitted() throws {
        _ = try extract()
        try translateAll()
        let xml = try TestSupport.read(xliffPath).replacing(
            "Ongeveer <x id=\"1\"/> mensen", with: "# Ongeveer &lt;b&gt;vet&lt;/b&gt; *<x id=\"1\"/>* mensen")
        try TestSupport.write(xml, to: xliffPath)
        _ = try build()
        let page = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(page.contains("\\# Ongeveer \\<b\\>vet\\</b\\> \\*130.000\\* mensen"))
    }

    @Test func aTargetThatCouldRunScriptIsNeverPublished() throws {
        try TestSupport.write("publish: { threshold: 0.5 }\n", to: root + "/ccl10n.yml")
        _ = try extract()
        try translateAll()
        let xml = try TestSupport.read(xliffPath).replacing(
            "Ongeveer <x id=\"1\"/> mensen", with: "Ongeveer &lt;script&gt;alert(1)&lt;/script&gt; <x id=\"1\"/> mensen"
        )
        try TestSupport.write(xml, to: xliffPath)
        let report = try build()
        let page = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(!page.contains("alert"))
        #expect(page.contains("<span lang=\"en\">About 130.000 people live with a rare cancer.</span>"))
        #expect(report.diagnostics.contains { $0.message.contains("markup that could run") })
    }
}
