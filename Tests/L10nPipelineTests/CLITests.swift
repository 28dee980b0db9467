import Testing

@testable import L10nPipeline

/// The built `ccl10n` binary on the repository's sample content: exit codes, messages and files.
@Suite struct CLITests {
    @Test func sampleContentIsInSyncAndBuildsDutchAndEnglish() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let check = try CLIRun.run(["extract", "--check", "--root", root])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("0 files out of date"))

        let dutch = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        #expect(dutch.status == 0, "\(dutch.stderr)")
        let page = try TestSupport.read(root + "/Bundles/nl/news/week-of-rare-cancers.md")
        #expect(page.contains("heeft 8–14 maart uitgeroepen tot de *Week van de Zeldzame Kanker*"))
        #expect(page.contains("Het project **COHERENT** kreeg €\u{A0}1,6\u{A0}mln."))
        #expect(page.contains("meer dan 130.000 mensen"))
        #expect(page.contains("Begin januari 2021 maakte KWF"))
        #expect(!page.contains("{"), "a value was left unformatted")

        let english = try CLIRun.run(["build", "--locale", "en", "--root", root])
        #expect(english.status == 0, "\(english.stderr)")
        let story = try TestSupport.read(root + "/Bundles/en/verhalen/expertisecentra-zeldzame-kanker.md")
        #expect(story.contains("started on January 15, 2021, receives €3,400,000.00"))
        #expect(story.contains("More than 130,000 people in the Netherlands"))

        let manifest = try TestSupport.read(root + "/Bundles/nl/manifest.json")
        #expect(manifest.contains("\"fallback\" : false"))
        #expect(!manifest.contains("\"fallback\" : true"))
    }

    @Test func buildIsByteStable() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        #expect(try CLIRun.run(["build", "--locale", "all", "--root", root]).status == 0)
        let first = try TestSupport.snapshot(root)
        let again = try CLIRun.run(["build", "--locale", "all", "--root", root])
        #expect(again.stdout.contains("0 files written"))
        #expect(try TestSupport.snapshot(root) == first)
    }

    @Test func extractCheckFailsWhenOutOfDateAndWritesNothing() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let path = root + "/Sources-EN/news/week-of-rare-cancers.md"
        try TestSupport.write(try TestSupport.read(path) + "\nOne more paragraph.\n", to: path)
        let before = try TestSupport.snapshot(root)
        let check = try CLIRun.run(["extract", "--check", "--root", root])
        #expect(check.status == 1)
        #expect(check.stdout.contains("out of date: Locales/nl/news/week-of-rare-cancers.md.xlf"))
        #expect(try TestSupport.snapshot(root) == before)
        let run = try CLIRun.run(["extract", "--root", root])
        #expect(run.status == 0)
        #expect(run.stdout.contains("1 new"))
    }

    @Test func contentErrorsArePositionedAndExitOne() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let path = root + "/Sources-EN/news/week-of-rare-cancers.md"
        let xliff = root + "/Locales/nl/news/week-of-rare-cancers.md.xlf"
        try TestSupport.write(try TestSupport.read(path) + "\nHeld on {2021-02-30, date, long}.\n", to: path)
        let before = try TestSupport.read(xliff)
        let run = try CLIRun.run(["extract", "--root", root])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Sources-EN/news/week-of-rare-cancers.md:34:9: error: value '{2021-02-30, date, long}': 2021-02-30 is not a day of the calendar"
            ),
            "\(run.stderr)")
        #expect(try TestSupport.read(xliff) == before)
    }

    @Test func validateReportsPositionsAndExitsOne() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            """
            <?xml version="1.0"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
              <file original="a.md" source-language="en" datatype="plaintext">
                <body>
                  <trans-unit id="1"><source>a</source><target state="done">b</target></trans-unit>
                  <trans-unit id="1"><source>c</source></trans-unit>
                </body>
              </file>
            </xliff>
            """, to: root + "/bad.xlf")
        try TestSupport.write("<xliff version=\"1.2\"><file>\n<body></file></xliff>", to: root + "/broken.xlf")
        let run = try CLIRun.run(["validate", root + "/bad.xlf", root + "/broken.xlf"])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "\(root)/bad.xlf:5: error: trans-unit '1': state 'done' is not an XLIFF 1.2 state (new, translated, final, …, or x-…)"
            ))
        #expect(lines.contains("\(root)/bad.xlf:6: error: trans-unit id '1' is used twice (first on line 5)"))
        #expect(
            lines.contains {
                $0.hasPrefix("\(root)/broken.xlf:2:") && $0.contains("error: Opening and ending tag mismatch: body")
            }, "\(lines)")
    }

    @Test func sampleXLIFFValidates() throws {
        let run = try CLIRun.run([
            "validate", "--root", TestSupport.packageRoot,
            "Locales/nl/news/week-of-rare-cancers.md.xlf", "Locales/en/verhalen/expertisecentra-zeldzame-kanker.md.xlf",
        ])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLIRun.run(["build", "--locale", "fr", "--root", TestSupport.packageRoot]).status == 2)
        #expect(try CLIRun.run(["extract", "--root", "/nonexistent/project"]).status == 2)
        #expect(try CLIRun.run(["frobnicate"]).status == 2)
    }

    @Test func configErrorsArePositioned() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, nl, xx-bogus]\nsegmentaton: paragraph\n", to: root + "/ccl10n.yml")
        let run = try CLIRun.run(["extract", "--root", root])
        #expect(run.status == 2)
        #expect(run.stderr.contains("ccl10n.yml:1:19: error: 'xx-bogus' is not a locale ICU knows"), "\(run.stderr)")
        #expect(run.stderr.contains("ccl10n.yml:2:1: error: unknown key 'segmentaton'"))
    }
}

/// Every XLIFF file in the repository is valid against the official XLIFF 1.2 strict schema.
@Suite(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: schema check skipped"))
struct SampleSchemaTests {
    @Test func committedXLIFFIsValidAgainstTheStrictSchema() throws {
        let schema = try TestSupport.xliff12Schema()
        let files = FileStore.files(under: TestSupport.packageRoot + "/Locales").filter { $0.hasSuffix(".xlf") }
        #expect(files.count == 2)
        for file in files {
            let path = TestSupport.packageRoot + "/Locales/" + file
            let problems = schema.validate(bytes: try #require(try FileStore.read(path)), path: path)
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
