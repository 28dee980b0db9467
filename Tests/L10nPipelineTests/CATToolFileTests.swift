import Testing

@testable import L10nPipeline

/// Files as CAT tools return them (issue 13): targets without a state, targets a tool filled without
/// confirming them, several `<file>` elements, pretty-printed targets, `xml:space="preserve"`.
final class CATToolFileTests {
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write(PipelineTests.article, to: root + "/Sources-EN/news/week.md")
    }

    deinit { TestSupport.remove(root) }

    var xliffPath: String { root + "/Locales/nl/news/week.md.xlf" }

    func extract(_ arguments: [String] = []) throws -> CLIRun {
        try CLIRun.run(["extract", "--root", root] + arguments)
    }

    func build() throws -> Builder.Report {
        Builder(project: try Project(root: root)).run(locale: .dutch)
    }

    var builtPage: String { (try? TestSupport.read(root + "/Bundles/nl/news/week.md")) ?? "" }

    /// Replaces the `<target>` of the unit whose source is `source` (inner XML) with `target` (a whole
    /// element), and the unit's start tag with `unitStart` when given.
    static func setTarget(_ path: String, source: String, target: String, unitStart: String? = nil) throws {
        var text = try TestSupport.read(path)
        let at = try #require(text.firstRange(of: "<source>\(source)</source>"), "no unit with source \(source)")
        let targetStart = try #require(text[at.upperBound...].firstRange(of: "<target")).lowerBound
        let startTagEnd = try #require(text[targetStart...].firstIndex(of: ">"))
        let end =
            text[text.index(before: startTagEnd)] == "/"
            ? text.index(after: startTagEnd)
            : try #require(text[targetStart...].firstRange(of: "</target>")).upperBound
        text.replaceSubrange(targetStart..<end, with: target)
        if let unitStart {
            let head = try #require(text[..<at.lowerBound].ranges(of: "<trans-unit").last).lowerBound
            let close = try #require(text[head...].firstIndex(of: ">"))
            text.replaceSubrange(head...close, with: unitStart)
        }
        try TestSupport.write(text, to: path)
    }

    // MARK: new units

    @Test func newUnitsCarryACopyOfTheSourceInStateNew() throws {
        #expect(try extract().status == 0)
        let text = try TestSupport.read(xliffPath)
        #expect(text.contains("<source>Rare cancers</source>\n        <target state=\"new\">Rare cancers</target>"))
        #expect(!text.contains("<target state=\"new\"/>"))
        // A copy of the source is not a translation: nothing is published, status counts it new.
        let report = try build()
        let entry = try #require(report.manifest.documents.first)
        #expect(entry.translatedUnits == 0)
        #expect(entry.fallback)
        let status = StatusReport.collect(try Project(root: root), locales: [.dutch])
        #expect(status.locales[0].documents[0].unitsByState == ["new": 5])
    }

    @Test func anEmptyNewTargetBecomesACopyAndFollowsItsSource() throws {
        #expect(try extract().status == 0)
        try Self.setTarget(xliffPath, source: "Rare cancers", target: "<target state=\"new\"/>")
        #expect(try extract().status == 0)
        #expect(try TestSupport.read(xliffPath).contains("<target state=\"new\">Rare cancers</target>"))
        try TestSupport.write(
            PipelineTests.article.replacing("title: Rare cancers", with: "title: Rare tumours"),
            to: root + "/Sources-EN/news/week.md")
        #expect(try extract().status == 0)
        let text = try TestSupport.read(xliffPath)
        #expect(text.contains("<source>Rare tumours</source>\n        <target state=\"new\">Rare tumours</target>"))
        #expect(!text.contains("previous-version"))
    }

    // MARK: filled, state new

    @Test func targetsFilledInStateNewAreNamedAndAcceptedByOneStep() throws {
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        #expect(try extract().status == 0)
        try Self.setTarget(xliffPath, source: "Rare cancers", target: "<target state=\"new\">Zeldzame kanker</target>")
        try Self.setTarget(
            xliffPath, source: "Week of Rare Cancers",
            target: "<target state=\"new\">Week van de Zeldzame Kanker</target>")
        let status = try CLIRun.run(["status", "--root", root])
        #expect(status.stdout.contains("filled, state new: 2 units"), "\(status.stdout)")
        let json = StatusReport.collect(try Project(root: root), locales: [.dutch])
        #expect(json.locales[0].documents[0].unitsByState["filled-new"] == 2)
        let check = try CLIRun.run(["check", "--root", root])
        #expect(check.stdout.contains("filled, state new: 2 units"), "\(check.stdout)")
        _ = try build()
        #expect(!builtPage.contains("Zeldzame kanker"))

        let accept = try extract(["--accept-filled"])
        #expect(accept.status == 0, "\(accept.stderr)")
        let text = try TestSupport.read(xliffPath)
        #expect(text.contains("<target state=\"translated\">Zeldzame kanker</target>"))
        #expect(text.contains("<target state=\"new\">The FORCE project"))
        _ = try build()
        #expect(builtPage.contains("title: Zeldzame kanker"))
        #expect(builtPage.contains("# Week van de Zeldzame Kanker"))
    }

    // MARK: item 3

    @Test func extractKeepsApprovalOfATargetWithoutState() throws {
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        #expect(try extract().status == 0)
        try Self.setTarget(
            xliffPath, source: "Rare cancers", target: "<target>Zeldzame kanker</target>",
            unitStart: "<trans-unit id=\"fm.title\" approved=\"yes\">")
        _ = try build()
        #expect(builtPage.contains("title: Zeldzame kanker"))
        #expect(try extract().status == 0)
        #expect(try TestSupport.read(xliffPath).contains("<trans-unit id=\"fm.title\" approved=\"yes\">"))
        let report = try build()
        #expect(builtPage.contains("title: Zeldzame kanker"))
        let entry = try #require(report.manifest.documents.first)
        #expect(entry.translatedUnits == entry.unitsByState["translated"])
    }

    // MARK: item 6

    @Test func checkReadsPrettyPrintedTargetsAsBuildDoes() throws {
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        #expect(try extract().status == 0)
        try Self.setTarget(
            xliffPath, source: "Week of Rare Cancers",
            target: "<target state=\"translated\">\n          Week van de Zeldzame Kanker\n        </target>")
        try TestSupport.write("terms:\n  - term: Rare cancers\n    translate: no\n", to: root + "/Locales/glossary.yml")
        try Self.setTarget(
            xliffPath, source: "Rare cancers", target: "<target state=\"translated\">Rare cancers</target>")
        let report = QualityReport.collect(try Project(root: root), locales: [.dutch])
        // The heading holds the kept term ("Week of Rare Cancers"): only its layout is in question here.
        let findings = report.findings.filter {
            $0.unit == "fm.title" || ($0.unit.hasPrefix("h-") && $0.rule != "do-not-translate")
        }
        #expect(findings.isEmpty, "\(findings.map { "\($0.unit) \($0.rule): \($0.message)" })")
        _ = try build()
        #expect(builtPage.contains("\n# Week van de Zeldzame Kanker\n"))
    }

    // MARK: item 7

    @Test func extractDoesNotReindentInsidePreservedSpace() throws {
        #expect(try extract().status == 0)
        // A tool that indents with tabs marks the title unit xml:space="preserve" and translates it.
        let file = try XLIFFEditing(xliffPath)
        let unit = try #require(file.elements("trans-unit").first { $0["id"] == "fm.title" })
        unit.setXMLAttribute("space", "preserve")
        let target = try #require(unit.child("target"))
        try XLIFFEditing.Fragment("Zeldzame kanker", in: file.root).copy(into: target)
        target["state"] = "translated"
        // Every child moves to the end in order, the whitespace before the source and the target becoming a
        // newline and a tab. Text nodes go first: libxml2 merges a text appended next to another one.
        let children = unit.children
        for child in children { if case .text = child { child.remove() } }
        for (index, child) in children.enumerated() {
            switch child {
            case .element(let element): unit.appendExisting(element)
            case .text(let text, _):
                let next = children.dropFirst(index + 1).first
                    .flatMap { if case .element(let element) = $0 { element.name } else { nil } }
                unit.appendText(next == "source" || next == "target" ? "\n\t" : text)
            case .other: break
            }
        }
        try file.save()
        #expect(try extract().status == 0)
        let inside = "\n\t<source>Rare cancers</source>\n\t<target state=\"translated\">Zeldzame kanker</target>"
        #expect(try TestSupport.read(xliffPath).contains(inside))
    }

    // MARK: item 4

    /// A second `<file>`, as Translate Toolkit's `po2xliff -t` appends one.
    static let secondFile = """
          <file original="week.po" source-language="en" datatype="po">
            <body>
              <trans-unit id="x1"><source>Rare cancers</source><target>Zeldzame kankers</target></trans-unit>
            </body>
          </file>
        </xliff>
        """

    @Test func aSecondFileElementIsRefusedByEveryCommand() throws {
        #expect(try extract().status == 0)
        var text = try TestSupport.read(xliffPath)
        text = text.replacing("</xliff>", with: Self.secondFile)
        try TestSupport.write(text, to: xliffPath)
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("week.po") }.map {
                $0 + 1
            } ?? 0
        for command in ["validate", "status", "check", "build", "extract"] {
            var arguments = [command, "--root", root]
            if command == "validate" { arguments.append("Locales/nl/news/week.md.xlf") }
            if command == "build" { arguments += ["--locale", "nl"] }
            let run = try CLIRun.run(arguments)
            #expect(run.status != 0, "\(command) accepted a second <file>")
            #expect(run.stderr.contains("week.md.xlf:\(line):"), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("<file>"), "\(command): \(run.stderr)")
        }
    }

    @Test(arguments: ["news/other.md", "../../../x.md", "/etc/x.md"])
    func anOriginalNamingAnotherDocumentIsRefusedByEveryCommand(original: String) throws {
        #expect(try extract().status == 0)
        let text = try TestSupport.read(xliffPath)
        try TestSupport.write(
            text.replacing("original=\"news/week.md\"", with: "original=\"\(original)\""), to: xliffPath)
        for command in ["validate", "status", "check", "build"] {
            var arguments = [command, "--root", root]
            if command == "validate" { arguments.append("Locales/nl/news/week.md.xlf") }
            if command == "build" { arguments += ["--locale", "nl"] }
            let run = try CLIRun.run(arguments)
            #expect(run.status != 0, "\(command) accepted original \(original)")
            #expect(run.stderr.contains("week.md.xlf:3:"), "\(command): \(run.stderr)")
        }
        #expect(!FileStore.exists(root + "/Bundles/nl/news/week.md"))
    }

    @Test(arguments: ["../../../x.md", "/etc/passwd"])
    func validateRefusesAnOriginalLeavingAnyProject(original: String) throws {
        try TestSupport.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
              <file original="\(original)" source-language="en" datatype="plaintext">
                <body/>
              </file>
            </xliff>
            """, to: root + "/loose.xlf")
        let run = try CLIRun.run(["validate", root + "/loose.xlf"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("loose.xlf:3:"), "\(run.stderr)")
    }

    // MARK: item 5

    @Test func aMemoryInTheOlderTMXFormIsStillReadAndRewrittenInTheNewOne() throws {
        try TestSupport.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4">
              <header creationtool="ccl10n" creationtoolversion="1" segtype="sentence" o-tmf="ccl10n" adminlang="en" srclang="en" datatype="plaintext"/>
              <body>
                <tu>
                  <prop type="x-document">news/week.md</prop>
                  <tuv xml:lang="en">
                    <seg>The week runs <ph x="1" type="x-value">{2021-03-08/2021-03-14, daterange, ::MMMMd}</ph> and is <bpt i="1" x="2">*</bpt>important<ept i="1">*</ept>.</seg>
                  </tuv>
                  <tuv xml:lang="nl">
                    <seg>De week loopt <ph x="1" type="x-value">{2021-03-08/2021-03-14, daterange, ::MMMMd}</ph> en is <bpt i="1" x="2">*</bpt>belangrijk<ept i="1">*</ept>.</seg>
                  </tuv>
                </tu>
              </body>
            </tmx>
            """, to: root + "/Locales/tm/en-nl.tmx")
        #expect(try extract().status == 0)
        let xliff = try TestSupport.read(xliffPath)
        #expect(
            xliff.contains(
                "<target state=\"translated\" state-qualifier=\"leveraged-inherited\">De week loopt <x id=\"1\""))
        #expect(xliff.contains("<g id=\"2\" ctype=\"italic\">belangrijk</g>."))
        let memory = try TestSupport.read(root + "/Locales/tm/en-nl.tmx")
        #expect(
            memory.contains(
                "en is <bpt i=\"1\" x=\"2\" type=\"italic\">&lt;g id=\"2\" ctype=\"italic\"&gt;</bpt>belangrijk"))
        #expect(memory.contains("<ph x=\"1\" type=\"x-value\">&lt;x id=\"1\" ctype=\"x-value\"/&gt;</ph>"))
        // A memory read back is written back byte for byte, entries no document has any more included.
        try TestSupport.write("---\ntitle: Other\n---\n", to: root + "/Sources-EN/news/week.md")
        #expect(try extract().status == 0)
        let kept = try TestSupport.read(root + "/Locales/tm/en-nl.tmx")
        #expect(kept.contains("belangrijk"))
        #expect(try extract().status == 0)
        #expect(try TestSupport.read(root + "/Locales/tm/en-nl.tmx") == kept)
    }

    // MARK: Okapi segmentation

    @Test func aChangedSourceRefreshesOkapisSegmentedSource() throws {
        #expect(try extract().status == 0)
        try Self.setTarget(
            xliffPath, source: "Rare cancers",
            target: """
                <seg-source><mrk mtype="seg" mid="1">Rare cancers</mrk></seg-source>
                        <target state="translated"><mrk mtype="seg" mid="1">Zeldzame kanker</mrk></target>
                """)
        try TestSupport.write(
            PipelineTests.article.replacing("title: Rare cancers", with: "title: Rare tumours"),
            to: root + "/Sources-EN/news/week.md")
        #expect(try extract().status == 0)
        let text = try TestSupport.read(xliffPath)
        #expect(text.contains("<source>Rare tumours</source>"))
        #expect(text.contains("<seg-source><mrk mtype=\"seg\" mid=\"1\">Rare tumours</mrk></seg-source>"), "\(text)")
        #expect(text.contains("<mrk mtype=\"seg\" mid=\"1\">Zeldzame kanker</mrk></target>"))
    }

    @Test func checkDoesNotAskToTranslateAKeptTerm() throws {
        try TestSupport.write("terms:\n  - term: Rare cancers\n    translate: no\n", to: root + "/Locales/glossary.yml")
        #expect(try extract().status == 0)
        let report = QualityReport.collect(try Project(root: root), locales: [.dutch])
        #expect(!report.findings.contains { $0.unit == "fm.title" }, "\(report.findings)")
        #expect(report.findings.contains { $0.rule == "untranslated" })
    }
}
