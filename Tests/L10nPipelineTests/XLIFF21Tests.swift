import Testing

@testable import L10nPipeline

/// XLIFF 2.1 output: written on request, valid against the official schemas, read back, merged like 1.2.
@Suite final class XLIFF21Tests {
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write("xliff_version: \"2.1\"\npublish: { threshold: 0.5 }\n", to: root + "/ccl10n.yml")
        try TestSupport.write(PipelineTests.article, to: root + "/Sources-EN/news/week.md")
    }

    deinit { TestSupport.remove(root) }

    var xliffPath: String { root + "/Locales/nl/news/week.md.xlf" }

    func extract() throws -> Extractor.Report {
        let report = Extractor(project: try Project(root: root)).run()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        return report
    }

    func translate() throws {
        try TestSupport.translate21(
            xliffPath,
            [
                "Rare cancers": "Zeldzame kanker",
                "Week of Rare Cancers": "Week van de Zeldzame Kanker",
                "The week runs <ph id=\"1\" dataRef=\"d1\" disp=\"March 8\u{2009}–\u{2009}14\" equiv=\"March 8\u{2009}–\u{2009}14\" type=\"other\" subType=\"ccl10n:value\"/> and is <pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d2e\" type=\"fmt\" subType=\"xlf:i\">important</pc>.":
                    "De week loopt <ph id=\"1\" dataRef=\"d1\"/> en is <pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d2e\">belangrijk</pc>.",
            ])
    }

    @Test func writesTranslatesAndBuilds() throws {
        #expect(try extract().summary.added == 5)
        let xml = try TestSupport.read(xliffPath)
        #expect(
            xml.contains(
                "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"en\" trgLang=\"nl\">")
        )
        #expect(xml.contains("<data id=\"d1\">{2021-03-08/2021-03-14, daterange, ::MMMMd}</data>"))
        try translate()
        #expect(try extract().changedFiles == ["Locales/tm/en-nl.tmx"])
        let report = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let page = try TestSupport.read(root + "/Bundles/nl/news/week.md")
        #expect(page.contains("title: Zeldzame kanker"))
        #expect(page.contains("De week loopt 8–14 maart en is *belangrijk*."))
        #expect(report.manifest.documents.first?.unitsByState == ["translated": 3, "new": 2])
    }

    @Test func aChangedSourceKeepsTheTargetAndOffersThePreviousVersion() throws {
        _ = try extract()
        try translate()
        try TestSupport.write(
            PipelineTests.article.replacing("is *important*", with: "is *very important*"),
            to: root + "/Sources-EN/news/week.md")
        #expect(try extract().summary.changed == 1)
        let xml = try TestSupport.read(xliffPath)
        #expect(xml.contains("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">"))
        #expect(
            xml.contains("<mtc:match ref=\"#s1\" origin=\"ccl10n\" type=\"other\" subType=\"ccl10n:previous-version\">")
        )
        #expect(xml.contains("<segment id=\"s1\" state=\"initial\" subState=\"ccl10n:needs-review-translation\">"))
        #expect(
            xml.contains(
                "<target>De week loopt <ph id=\"1\" dataRef=\"d1\"/> en is <pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d2e\">belangrijk</pc>.</target>"
            ))
        let stored = try XLIFFFile.parse(Array(xml.utf8), path: xliffPath).storedUnits()
        #expect(stored.values.filter { $0.state == .needsReview }.count == 1)
    }

    @Test(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: schema check skipped"))
    func everyFileWrittenIsSchemaValid() throws {
        let schema = try TestSupport.xliff21Schema()
        func validate() throws {
            let problems = schema.validate(bytes: try #require(try FileStore.read(xliffPath)), path: xliffPath)
            #expect(problems.isEmpty, "\(problems)")
        }
        _ = try extract()
        try validate()
        try translate()
        try TestSupport.write(
            PipelineTests.article.replacing("is *important*", with: "is *very important*")
                .replacing("About {130000, number} people", with: "About {140000, number} people"),
            to: root + "/Sources-EN/news/week.md")
        _ = try extract()
        try validate()
        try TestSupport.write("Only this remains.\n", to: root + "/Sources-EN/news/week.md")
        _ = try extract()
        try validate()
        #expect(try TestSupport.read(xliffPath).contains("<group id=\"ccl10n-removed\" translate=\"no\">"))
    }
}

/// How a source change is flagged, in XLIFF 1.2.
@Suite struct SourceChangeTests {
    @Test(arguments: [
        ("The week is important.", "The week is important!", true),
        ("The week is important.", "the  week is Important.", true),
        ("The week is important.", "The week is not important.", false),
    ])
    func minorChangesAreWhitespacePunctuationAndCase(old: String, new: String, minor: Bool) {
        #expect(XLIFFMerger.isMinorChange(Segment([.text(old)]), Segment([.text(new)])) == minor)
    }

    @Test func aMinorChangeKeepsTheTranslationPublishable() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let path = root + "/Sources-EN/a.md"
        try TestSupport.write("The week is important.\n", to: path)
        _ = Extractor(project: try Project(root: root)).run()
        let xliff = root + "/Locales/nl/a.md.xlf"
        try TestSupport.translate(xliff, ["The week is important.": "De week is belangrijk."])
        try TestSupport.write("The week is important!\n", to: path)
        #expect(Extractor(project: try Project(root: root)).run().summary.changed == 1)
        let xml = try TestSupport.read(xliff)
        #expect(
            xml.contains(
                "<target state=\"translated\" state-qualifier=\"x-minor-source-change\">De week is belangrijk.</target>"
            ))
        #expect(xml.contains("<alt-trans alttranstype=\"previous-version\" tool-id=\"ccl10n\">"))
        _ = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(try TestSupport.read(root + "/Bundles/nl/a.md") == "De week is belangrijk.\n")
    }

    @Test func changingOneSentenceChangesOnlyThatUnitsLines() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let source = root + "/Sources-EN/news/week-of-rare-cancers.md"
        let xliff = root + "/Locales/nl/news/week-of-rare-cancers.md.xlf"
        let before = try TestSupport.read(xliff).split(separator: "\n", omittingEmptySubsequences: false)
        try TestSupport.write(
            try TestSupport.read(source).replacing(
                "which is reflected in a relatively poor prognosis",
                with: "which shows in a relatively poor prognosis"), to: source)
        _ = Extractor(project: try Project(root: root)).run()
        let after = try TestSupport.read(xliff).split(separator: "\n", omittingEmptySubsequences: false)
        func unitLines(_ lines: [Substring]) throws -> ClosedRange<Int> {
            let start = try #require(lines.firstIndex { $0.contains("<trans-unit id=\"p-6af55b07\"") })
            let end = try #require(lines[start...].firstIndex { $0.contains("</trans-unit>") })
            return start...end
        }
        let difference = after.difference(from: before)
        #expect(!difference.isEmpty)
        for change in difference {
            switch change {
            case .insert(let offset, let line, _):
                #expect(try unitLines(after).contains(offset), "inserted outside the unit: \(line)")
            case .remove(let offset, let line, _):
                #expect(try unitLines(before).contains(offset), "removed outside the unit: \(line)")
            }
        }
        #expect(
            after.contains {
                $0.contains(
                    "<source>Because specific knowledge is limited, a diagnosis can take longer and fewer treatments have been verified, which shows in"
                )
            })
    }
}
