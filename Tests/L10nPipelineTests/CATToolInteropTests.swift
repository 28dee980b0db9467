import FoundationEssentials
import Testing

@testable import L10nPipeline

/// Round trips through the tools translators use, run for real (issue 13), each ending in a built page:
/// OmegaT's console mode (Debian's `omegat`, `make omegat`), Translate Toolkit's `podebug` and `pomerge`
/// (`make peers`), and files as Okapi and Trados write them. The commands are the ones the README gives.
struct CATToolInteropTests {
    static let xliff = "Locales/nl/news/week-of-rare-cancers.md.xlf"
    static let page = "Bundles/nl/news/week-of-rare-cancers.md"

    /// Runs `ccl10n` on a project and expects it to succeed.
    @discardableResult
    static func ccl10n(_ root: String, _ arguments: String...) throws -> CLIRun {
        let run = try CLIRun.run([arguments[0], "--root", root] + arguments.dropFirst())
        #expect(run.status == 0, "ccl10n \(arguments.joined(separator: " ")): \(run.stderr)\(run.stdout)")
        return run
    }

    /// The sample project with its Dutch translation of the English page taken away (its XLIFF and the
    /// memory), as a new document reaches translators. Returns the project, the Dutch page built from the
    /// original translations, and the memory ccl10n wrote for them.
    static func untranslatedSample() throws -> (root: String, page: String, memory: [UInt8]) {
        let root = try TestSupport.sampleProject()
        try ccl10n(root, "extract")
        try ccl10n(root, "build", "--locale", "nl")
        let page = try TestSupport.read(root + "/" + Self.page)
        let memory = try #require(try FileStore.read(root + "/Locales/tm/en-nl.tmx"))
        TestSupport.remove(root + "/" + Self.xliff)
        TestSupport.remove(root + "/Locales/tm/en-nl.tmx")
        try ccl10n(root, "extract")
        return (root, page, memory)
    }

    /// The targets of a file by unit id.
    static func targets(_ path: String) throws -> [String: Segment] {
        let units = try XLIFFFile.parse(try #require(try FileStore.read(path)), path: path).storedUnits()
        return units.compactMapValues(\.target)
    }

    // MARK: OmegaT

    static let omegatProject = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <omegat>
            <project version="1.0">
                <source_dir>__DEFAULT__</source_dir>
                <source_dir_excludes/>
                <target_dir>__DEFAULT__</target_dir>
                <tm_dir>__DEFAULT__</tm_dir>
                <glossary_dir>__DEFAULT__</glossary_dir>
                <glossary_file>__DEFAULT__</glossary_file>
                <dictionary_dir>__DEFAULT__</dictionary_dir>
                <source_lang>en</source_lang>
                <target_lang>nl</target_lang>
                <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
                <target_tok>org.omegat.tokenizer.LuceneDutchTokenizer</target_tok>
                <sentence_seg>false</sentence_seg>
                <support_default_translations>true</support_default_translations>
                <remove_tags>false</remove_tags>
            </project>
        </omegat>

        """

    /// OmegaT's two TM options for level-2 TMX (Options › Preferences › TM Matches): read the tags of an
    /// external memory, and write a standalone tag as `<x0/>`, as its XLIFF filter shows it.
    static let omegatPreferences = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <omegat>
          <preference version="1.0">
            <ext_tmx_show_level2>true</ext_tmx_show_level2>
            <ext_tmx_use_slash>true</ext_tmx_use_slash>
          </preference>
        </omegat>

        """

    @Test(
        .enabled(
            if: TestSupport.omegat != nil, "OmegaT is not installed (make omegat): the OmegaT round trip is skipped"))
    func omegatConsoleRoundTripPublishesEverySegment() throws {
        let (root, expected, memory) = try Self.untranslatedSample()
        let omegat = try TestSupport.temporaryFolder()
        defer {
            TestSupport.remove(root)
            TestSupport.remove(omegat)
        }
        let document = "news/week-of-rare-cancers.md.xlf"
        try TestSupport.write(Self.omegatProject, to: omegat + "/project/omegat.project")
        try TestSupport.copyTree(root + "/Locales/nl", to: omegat + "/project/source")
        try FileStore.writeAtomically(memory, to: omegat + "/project/tm/auto/en-nl.tmx")
        for folder in ["target", "glossary", "dictionary", "omegat"] {
            try FileManager.default.createDirectory(
                atPath: omegat + "/project/" + folder, withIntermediateDirectories: true)
        }
        try TestSupport.write(Self.omegatPreferences, to: omegat + "/config/omegat.prefs")
        let before = try Self.targets(root + "/" + Self.xliff)
        #expect(before.count == 19)

        let run = try CLIRun.run(
            executable: try #require(TestSupport.omegat),
            [omegat + "/project", "--mode=console-translate", "--config-dir=" + omegat + "/config"])
        #expect(run.status == 0, "\(run.stderr)")
        let translated = omegat + "/project/target/" + document
        #expect(
            try TestSupport.read(omegat + "/project/omegat/project_stats.txt").contains("Remaining:       \t       0"))
        try FileStore.writeAtomically(try #require(try FileStore.read(translated)), to: root + "/" + Self.xliff)
        let filled = try Self.targets(root + "/" + Self.xliff)
        // Every segment was filled from ccl10n's memory, those with codes and values too.
        #expect(
            filled.filter { before[$0.key] == $0.value }.isEmpty,
            "\(filled.filter { before[$0.key] == $0.value }.keys.sorted())")
        #expect(filled.values.contains { $0.codeIDs.count == 2 })

        try Self.ccl10n(root, "validate", Self.xliff)
        #expect(try Self.ccl10n(root, "status", "--locale", "nl").stdout.contains("filled, state new: 19 units"))
        #expect(try Self.ccl10n(root, "extract", "--accept-filled").stdout.contains("accepted 19 filled targets"))
        // Nothing OmegaT wrote is lost by the re-extract, and the file is stable afterwards.
        #expect(try Self.targets(root + "/" + Self.xliff) == filled)
        #expect(try Self.ccl10n(root, "extract", "--check").stdout.contains("0 files out of date"))
        try Self.ccl10n(root, "build", "--locale", "nl")
        #expect(try TestSupport.read(root + "/" + Self.page) == expected)
    }

    // MARK: Translate Toolkit

    @Test(
        .enabled(
            if: TestSupport.hasTranslateToolkit,
            "Translate Toolkit is not installed (make peers): podebug round trip skipped"))
    func podebugRoundTripPublishesEveryUnit() throws {
        let (root, _, _) = try Self.untranslatedSample()
        defer { TestSupport.remove(root) }
        let out = root + "/podebug.xlf"
        let run = try CLIRun.run(
            executable: TestSupport.translateToolkit + "/podebug", ["--rewrite=xxx", root + "/" + Self.xliff, out])
        #expect(run.status == 0, "\(run.stderr)")
        try FileStore.writeAtomically(try #require(try FileStore.read(out)), to: root + "/" + Self.xliff)
        TestSupport.remove(out)
        try Self.ccl10n(root, "validate", Self.xliff)
        #expect(try Self.ccl10n(root, "check", "--locale", "nl").stdout.contains("filled, state new: 19 units"))
        let held = try Self.ccl10n(root, "build", "--locale", "nl")
        #expect(held.stderr.contains("warning: filled, state new: 19 units"), "\(held.stderr)")
        #expect(!(try TestSupport.read(root + "/" + Self.page)).contains("xxx"))

        try Self.ccl10n(root, "extract", "--accept-filled")
        try Self.ccl10n(root, "build", "--locale", "nl")
        let page = try TestSupport.read(root + "/" + Self.page)
        #expect(page.components("xxx") == 2 * 19)
        // Codes and values in place: emphasis, strong, a link, values formatted for Dutch.
        #expect(
            page.contains(
                "xxxNFK's Rare Cancers Patient Platform has declared 8–14 maart to be the *Week of Rare Cancers*"))
        #expect(page.contains("solutions for **every** patient"))
        #expect(page.contains("[cca@amsterdamumc.nl](mailto:cca@amsterdamumc.nl)"))
        let manifest = try TestSupport.read(root + "/Bundles/nl/manifest.json")
        #expect(
            manifest.contains("\"fallbackUnits\" : [\n\n      ]")
                || !manifest.contains("\"fallbackUnits\" : [\n        \"p-"))
    }

    @Test(
        .enabled(
            if: TestSupport.hasTranslateToolkit,
            "Translate Toolkit is not installed (make peers): pomerge round trip skipped"))
    func pomergeRoundTripPublishesWhatThePOKept() throws {
        let (root, _, _) = try Self.untranslatedSample()
        defer { TestSupport.remove(root) }
        let bin = TestSupport.translateToolkit
        let xliff = root + "/" + Self.xliff
        // The translator works in PO: xliff2po, translate (podebug stands in), confirm (clear "fuzzy"), pomerge.
        #expect(try CLIRun.run(executable: bin + "/xliff2po", [xliff, root + "/week.po"]).status == 0)
        #expect(
            try CLIRun.run(executable: bin + "/podebug", ["--rewrite=xxx", root + "/week.po", root + "/translated.po"])
                .status == 0)
        let po = try TestSupport.read(root + "/translated.po").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0 != "#, fuzzy" }.joined(separator: "\n")
        try TestSupport.write(po, to: root + "/translated.po")
        let merge = try CLIRun.run(
            executable: bin + "/pomerge", ["-t", xliff, "-i", root + "/translated.po", "-o", root + "/merged.xlf"])
        #expect(merge.status == 0, "\(merge.stderr)")
        try FileStore.writeAtomically(try #require(try FileStore.read(root + "/merged.xlf")), to: xliff)
        for file in ["week.po", "translated.po", "merged.xlf"] { TestSupport.remove(root + "/" + file) }

        try Self.ccl10n(root, "validate", Self.xliff)
        try Self.ccl10n(root, "extract")
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        let report = Builder(project: try Project(root: root)).run(locale: .dutch)
        let page = try TestSupport.read(root + "/" + Self.page)
        // PO has no codes: units without codes come back translated and are published. A unit whose value the
        // PO lost is held back (an error for check) and published in its source, codes and values intact; one that
        // lost only markup is published without it (check warns). Units pomerge left in state new are named.
        #expect(page.contains("\n## xxxHow you can contributexxx\n"))
        #expect(page.contains("<span lang=\"en\">The **FORCE** project received €\u{A0}3,4\u{A0}mln. to develop tests"))
        let entry = try #require(report.manifest.documents.first { $0.path == "news/week-of-rare-cancers.md" })
        #expect(entry.translatedUnits + entry.fallbackUnits.count == 19)
        #expect(entry.translatedUnits >= 10)
        let check = try CLIRun.run(["check", "--root", root, "--locale", "nl"]).stdout
        #expect(
            check.contains("(value-missing)") && check.contains("(code-missing)")
                && check.contains("filled, state new:"))
    }

    // MARK: Okapi and Trados

    /// Rewrites ccl10n's file as Okapi and Trados write theirs: a `<seg-source>` with `<mrk mtype="seg">`,
    /// the target's text inside the same `<mrk>`, `sdl:` attributes and a `<sdl:seg-defs>` per unit.
    static func okapiTrados(_ path: String, translations: [String: String]) throws -> String {
        // The root's start tag is one tag, whatever the indentation: a text edit declares the tools' namespaces.
        try TestSupport.write(
            try TestSupport.read(path).replacing(
                "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">",
                with:
                    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" "
                    + "xmlns:okp=\"okapi-framework:xliff-extensions\" version=\"1.2\" sdl:version=\"1.0\">"),
            to: path)
        let file = try XLIFFEditing(path)
        let declarations =
            "xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" xmlns:okp=\"okapi-framework:xliff-extensions\""
        for (source, target) in translations {
            let wanted = try XLIFFEditing.Fragment(source, in: file.root)
            let added = try XLIFFEditing.Fragment(
                "<seg-source><mrk mtype=\"seg\" mid=\"0\">\(source)</mrk></seg-source>"
                    + "<target state=\"translated\" okp:engine=\"manual\"><mrk mtype=\"seg\" mid=\"0\">\(target)</mrk></target>"
                    + "<sdl:seg-defs><sdl:seg id=\"0\" conf=\"Translated\" origin=\"interactive\"/></sdl:seg-defs>",
                in: file.root, declarations: declarations)
            for unit in file.elements("trans-unit") {
                guard let sourceElement = unit.child("source"), wanted.matches(sourceElement),
                    let old = unit.child("target"), old["state"] == "new"
                else { continue }
                try added.insert(before: old)
                old.remove()
            }
        }
        try file.save()
        return try TestSupport.read(path)
    }

    @Test func okapiAndTradosMarkupIsReadKeptAndPublished() throws {
        let (root, _, _) = try Self.untranslatedSample()
        defer { TestSupport.remove(root) }
        let xliff = root + "/" + Self.xliff
        let text = try Self.okapiTrados(
            xliff,
            translations: [
                "Week of Rare Cancers": "Week van de Zeldzame Kanker",
                "At Cancer Center Amsterdam we aim to provide the best available care, to deepen our insight through research and to find "
                    + "solutions for <g id=\"1\" ctype=\"bold\">every</g> patient with cancer, including patients with rare tumours.":
                    "Wij zoeken oplossingen voor <g id=\"1\" ctype=\"bold\">iedere</g> patiënt.",
            ])
        #expect(text.components("<sdl:seg-defs>") == 2)
        try Self.ccl10n(root, "validate", Self.xliff)
        try Self.ccl10n(root, "extract")
        let after = try TestSupport.read(xliff)
        // Nothing the tools added is lost on re-extract.
        #expect(after.components("<seg-source><mrk mtype=\"seg\" mid=\"0\">") == 2)
        #expect(after.components("<sdl:seg id=\"0\" conf=\"Translated\" origin=\"interactive\"/>") == 2)
        #expect(after.contains("okp:engine=\"manual\""))
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        try Self.ccl10n(root, "build", "--locale", "nl")
        let page = try TestSupport.read(root + "/" + Self.page)
        #expect(page.contains("\n# Week van de Zeldzame Kanker\n"))
        #expect(page.contains("Wij zoeken oplossingen voor **iedere** patiënt."))
    }
}

extension String {
    /// How many times `part` occurs.
    func components(_ part: String) -> Int { ranges(of: part).count }
}
