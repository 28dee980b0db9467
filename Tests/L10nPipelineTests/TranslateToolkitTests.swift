import Testing

@testable import L10nPipeline

/// Interoperability with Translate Toolkit, a real peer: it reads what ccl10n writes and counts it the same
/// way, and ccl10n reads what it converts. `make test` installs it from PyPI into .build/translate-toolkit.
@Suite(
    .enabled(
        if: TestSupport.hasTranslateToolkit, "Translate Toolkit is not installed (make peers): interop tests skipped"))
struct TranslateToolkitTests {
    static let bin = TestSupport.translateToolkit

    /// pocount's counts for one file: translated, fuzzy and untranslated messages.
    func pocount(_ path: String) throws -> (translated: Int, fuzzy: Int, untranslated: Int) {
        let run = try CLIRun.run(executable: Self.bin + "/pocount", ["--csv", path])
        #expect(run.status == 0, "\(run.stderr)")
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix(path) })
        let fields = row.split(separator: ",").map(String.init)
        return (try #require(Int(fields[1])), try #require(Int(fields[4])), try #require(Int(fields[6])))
    }

    @Test func pocountCountsTheSampleAsWeDo() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let report = Builder(project: try Project(root: root)).run(locale: .dutch)
        let entry = try #require(report.manifest.documents.first { $0.xliff != nil })
        let counts = try pocount(root + "/" + (try #require(entry.xliff)))
        #expect(counts.translated == entry.translatedUnits)
        #expect(counts.fuzzy == 0 && counts.untranslated == 0)
    }

    @Test func pocountAgreesOnNewChangedAndTranslatedUnits() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(PipelineTests.article, to: root + "/Sources-EN/news/week.md")
        _ = Extractor(project: try Project(root: root)).run()
        let xliff = root + "/Locales/nl/news/week.md.xlf"
        try TestSupport.translate(
            xliff,
            [
                "Rare cancers": "Zeldzame kanker",
                "Week of Rare Cancers": "Week van de Zeldzame Kanker",
                "The FORCE project received <x id=\"1\" ctype=\"x-value\" equiv-text=\"€3,400,000.00\"/>.":
                    "Het project FORCE kreeg <x id=\"1\"/>.",
            ])
        try TestSupport.write(
            PipelineTests.article.replacing("Week of Rare Cancers", with: "The Week of Rare Cancers"),
            to: root + "/Sources-EN/news/week.md")
        _ = Extractor(project: try Project(root: root)).run()
        let stored = try XLIFFFile.parse(try #require(try FileStore.read(xliff)), path: xliff).storedUnits().values
        let usable = stored.filter { $0.isUsable(minimum: .translated) }.count
        let review = stored.filter { $0.state == .needsReview }.count
        let new = stored.filter { $0.state == .new }.count
        #expect((usable, review, new) == (2, 1, 2))
        let counts = try pocount(xliff)
        #expect(counts.translated == usable)
        // A new unit's target is a copy of its source (for OmegaT): Translate Toolkit counts any unapproved
        // target as fuzzy, so new units are "fuzzy" there, not "untranslated"; neither is translated.
        #expect(counts.fuzzy == review + new)
        #expect(counts.untranslated == 0)
    }

    @Test func ccl10nReadsWhatPo2xliffWrites() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(
            """
            msgid ""
            msgstr "Content-Type: text/plain; charset=UTF-8\\n"

            msgid "Week of Rare Cancers"
            msgstr "Week van de Zeldzame Kanker"

            #, fuzzy
            msgid "Rare cancers"
            msgstr "Zeldzame kankers"

            msgid "Untranslated"
            msgstr ""

            """, to: folder + "/week.po")
        // Relative paths: po2xliff writes the input's path as given into `original`, and an absolute one
        // would lead outside any project (refused by ccl10n, as every `original` leaving the project is).
        let convert = try CLIRun.run(
            executable: "/bin/sh", ["-c", "cd '\(folder)' && '\(Self.bin)/po2xliff' week.po week.xlf"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let bytes = try #require(try FileStore.read(folder + "/week.xlf"))
        #expect(XLIFFValidator.validate(bytes: bytes, path: "week.xlf").isEmpty)
        let units = try XLIFFFile.parse(bytes, path: "week.xlf").storedUnits().values
        let bySource = Dictionary(uniqueKeysWithValues: units.map { ($0.source.plainText, $0) })
        let translated = try #require(bySource["Week of Rare Cancers"])
        #expect(translated.target?.plainText == "Week van de Zeldzame Kanker")
        #expect(translated.isUsable(minimum: .translated))
        #expect(bySource["Rare cancers"]?.isUsable(minimum: .translated) == false)
        #expect(bySource["Untranslated"]?.isUsable(minimum: .translated) == false)
    }
}
