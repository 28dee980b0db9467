import Testing

@testable import L10nPipeline

/// The translation memory: kept by extract, used for new units, imported from TMX.
@Suite struct MemoryTests {
    let root: String

    init() throws {
        root = try TestSupport.projectWithMemory()
    }

    var memoryPath: String { root + "/Locales/tm/en-nl.tmx" }

    @Test func everyTranslationGoesIntoTheMemoryAndStaysThere() throws {
        defer { TestSupport.remove(root) }
        let memory = try TestSupport.read(memoryPath)
        // TMX level 2 with the codes as the XLIFF has them, which CAT tools match on (TMXFormat).
        #expect(
            memory.contains(
                "<seg>De <bpt i=\"1\" x=\"1\" type=\"italic\">&lt;g id=\"1\" ctype=\"italic\"&gt;</bpt>week"
                    + "<ept i=\"1\">&lt;/g&gt;</ept> begint vandaag.</seg>"), "\(memory)")
        // The paragraph is deleted from the document; its translation stays in the memory.
        try TestSupport.write("Rare cancers affect many people.\n", to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        #expect(try TestSupport.read(memoryPath).contains("begint vandaag"))
        // A second extract writes nothing: the memory file is byte-stable.
        #expect(Extractor(project: try Project(root: root)).run().changedFiles.isEmpty)
    }

    @Test func aFuzzyLookupSeesWhatWasAddedAfterTheFirstOne() {
        defer { TestSupport.remove(root) }
        func entry(_ source: String, _ target: String) -> TranslationMemory.Entry {
            TranslationMemory.Entry(
                source: Segment([.text(source)]), target: Segment([.text(target)]), codes: [:], document: nil)
        }
        var memory = TranslationMemory(source: .english, target: .dutch)
        memory.add(entry("Rare cancers affect many people.", "Zeldzame kankers treffen veel mensen."))
        let query = Segment([.text("Rare cancers affect many young people.")])
        let before = memory
        #expect(memory.fuzzy(query).map(\.entry.target.plainText) == ["Zeldzame kankers treffen veel mensen."])
        memory.add(
            entry("Rare cancers affect very many young people.", "Zeldzame kankers treffen heel veel jonge mensen."))
        // The better match added after the first lookup comes first; the copy made before it does not see it.
        #expect(
            memory.fuzzy(query).map(\.entry.target.plainText) == [
                "Zeldzame kankers treffen heel veel jonge mensen.", "Zeldzame kankers treffen veel mensen.",
            ])
        #expect(before.fuzzy(query).count == 1)
        #expect(memory.fuzzy(query).allSatisfy { $0.score >= 0.75 && $0.score < 1 })
    }

    @Test func newUnitsGetExactAndFuzzyMatches() throws {
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            "The *week* starts today.\n\nRare cancers affect many young people.\n", to: root + "/Sources-EN/b.md")
        _ = Extractor(project: try Project(root: root)).run()
        let xml = try TestSupport.read(root + "/Locales/nl/b.md.xlf")
        // Exact, from another document: filled, but to be reviewed.
        #expect(
            xml.contains(
                "<target state=\"needs-review-translation\" state-qualifier=\"leveraged-tm\">De <g id=\"1\" ctype=\"italic\">week</g> begint vandaag.</target>"
            ))
        // Fuzzy: offered as a suggestion with its score.
        #expect(
            xml.contains(
                "<alt-trans match-quality=\"91\" origin=\"ccl10n-tm\">\n          <source>Rare cancers affect many people.</source>\n          <target>Zeldzame kankers treffen veel mensen.</target>"
            ))
        if TestSupport.hasShared {
            let schema = try TestSupport.xliff12Schema()
            #expect(schema.validate(bytes: Array(xml.utf8), path: "b.xlf").isEmpty)
        }
    }

    @Test func anAgencyMemoryIsImported() throws {
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="agency" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
            <body><tu><tuv xml:lang="en-US"><seg>Contact the centre.</seg></tuv><tuv xml:lang="nl-NL"><seg>Neem contact op met het centrum.</seg></tuv></tu>
            <tu><tuv xml:lang="en-US"><seg>Only English.</seg></tuv><tuv xml:lang="de-DE"><seg>Nur Deutsch.</seg></tuv></tu></body></tmx>
            """, to: root + "/agency.tmx")
        let run = try CLIRun.run(["tm", "import", root + "/agency.tmx", "--root", root])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Locales/tm/en-nl.tmx: 1 entries added"))
        try TestSupport.write("Contact the centre.\n", to: root + "/Sources-EN/c.md")
        _ = Extractor(project: try Project(root: root)).run()
        #expect(
            try TestSupport.read(root + "/Locales/nl/c.md.xlf").contains(">Neem contact op met het centrum.</target>"))
    }
}
