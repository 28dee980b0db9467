import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile content: nesting far past any real document, sizes at and just past every limit, odd line endings
/// and skeletons. Each gets a positioned error or correct output, never a crash, a stall or a corrupted page.
///
/// The time checks compare two runs of the same code in the same test (10 times the input may take at most
/// 15 times as long), so they hold on a slow or busy machine; they catch quadratic work, not slowness.
@Suite struct HostileContentTests {
    static let reader = MarkdownReader(frontMatterKeys: ["title", "description"])

    /// The diagnostics reading `text` as a Markdown document gives; empty when it reads.
    static func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try reader.read(Array(text.utf8), path: "hostile.md", locale: .english)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Expects reading `text` to fail with an error at a real position (on `line`, when given) whose message
    /// contains `message`.
    static func expectRefused(
        _ text: String, _ message: String, line: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = problems(text)
        let first = found.first { $0.severity == .error }
        #expect(
            first.map { $0.message.contains(message) } == true,
            "\(found.map(\.description).joined(separator: "\n").prefix(400))",
            sourceLocation: sourceLocation)
        #expect(
            first.map { $0.line > 0 && $0.column > 0 } == true, "no position: \(first?.description.prefix(200) ?? "")",
            sourceLocation: sourceLocation)
        if let line { #expect(first?.line == line, sourceLocation: sourceLocation) }
    }

    /// The shortest of three runs of `body`, in seconds of this thread's CPU time: other tests running beside
    /// this one do not count.
    static func seconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = now()
            body()
            best = min(best, now() - start)
        }
        return best
    }

    /// Expects `work` at size 10n to take at most 15 times as long as at size n (times under 10 ms count as
    /// 10 ms). A busy machine can slow one measurement, never every one, so three tries are allowed; quadratic
    /// work takes about 100 times as long, every time.
    static func expectNearLinear(
        _ what: String, n: Int, sourceLocation: SourceLocation = #_sourceLocation, _ work: (Int) -> Void
    ) {
        var tries: [(small: Double, large: Double)] = []
        for _ in 0..<3 {
            let small = seconds { work(n) }
            let large = seconds { work(10 * n) }
            tries.append((small, large))
            if large <= 15 * max(small, 0.01) { break }
        }
        let last = tries[tries.count - 1]
        #expect(
            last.large <= 15 * max(last.small, 0.01),
            "\(what): \(n) took / \(10 * n) took, per try: \(tries)", sourceLocation: sourceLocation)
        print(
            "near-linear \(what): \(n) took \(last.small) s, \(10 * n) took \(last.large) s (x\(last.large / last.small))"
        )
    }

    static func deepYAML(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    // MARK: Nesting

    @Test(arguments: [
        ("flow sequences in front matter", "---\ntitle: " + deepYAML(1_000_000) + "\n---\nHi.\n", 2),
        (
            "flow mappings in front matter",
            "---\ntitle: " + String(repeating: "{a: ", count: 100_000) + "\n---\nHi.\n", 2
        ),
        ("block quotes", String(repeating: ">", count: 1_000_000) + " x\n", 1),
        ("list items", String(repeating: "- ", count: 100_000) + "x\n", 1),
        (
            "emphasis",
            String(repeating: "*a ", count: 100_000) + "x" + String(repeating: " b*", count: 100_000) + "\n", 1
        ),
        ("images", String(repeating: "![", count: 100_000) + "x" + String(repeating: "](u)", count: 100_000) + "\n", 1),
    ])
    func deepNestingIsRefusedAtItsPlace(name: String, text: String, line: Int) {
        let found = Self.problems(text)
        #expect(
            found.first?.message.contains("nested more than \(InputLimits.maximumNesting) deep") == true,
            "\(name): \(found.first?.description.prefix(300) ?? "read")")
        #expect(found.first?.line == line, "\(name)")
    }

    @Test func nestingAtTheLimitReadsAndOneMoreIsRefused() throws {
        let limit = InputLimits.maximumNesting
        // The front matter's mapping is the first level.
        #expect(Self.problems("---\ntitle: x\nlist: " + Self.deepYAML(limit - 1) + "\n---\nHi.\n").isEmpty)
        Self.expectRefused("---\ntitle: x\nlist: " + Self.deepYAML(limit) + "\n---\nHi.\n", "nested more than")
        // Below the document: the quotes, their paragraph and its text.
        let quotes = String(repeating: ">", count: limit - 2) + " Deep.\n"
        let document = try Self.reader.read(Array(quotes.utf8), path: "q.md", locale: .english)
        #expect(document.units.map(\.source.plainText) == ["Deep."])
        Self.expectRefused(String(repeating: ">", count: limit - 1) + " Deep.\n", "nested more than")
    }

    @Test func deepConfigurationAndGlossaryAreRefusedWithTheirPosition() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: " + Self.deepYAML(1_000_000) + "\n", to: root + "/ccl10n.yml")
        #expect(throws: DiagnosticError.self) { try Project(root: root) }
        do {
            _ = try Project(root: root)
        } catch {
            #expect(error.diagnostics.first?.message.contains("nested more than") == true, "\(error)")
            #expect(error.diagnostics.first?.line == 1)
        }
        TestSupport.remove(root + "/ccl10n.yml")
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/a.md")
        try TestSupport.write("terms:\n  - en: " + Self.deepYAML(100_000) + "\n", to: root + "/Locales/glossary.yml")
        do {
            _ = try Glossary.load(try Project(root: root))
            Issue.record("a glossary nested 100,000 deep was read")
        } catch {
            #expect(error.diagnostics.first?.message.contains("nested more than") == true, "\(error)")
            #expect(error.diagnostics.first?.line == 2)
        }
    }

    @Test func deepNestingTakesLinearTime() {
        Self.expectNearLinear("YAML", n: 20_000) { _ = Self.problems("---\ntitle: " + Self.deepYAML($0) + "\n---\n") }
        Self.expectNearLinear("block quotes", n: 5_000) {
            _ = Self.problems(String(repeating: ">", count: $0) + " x\n")
        }
        Self.expectNearLinear("emphasis", n: 2_000) {
            _ = Self.problems(String(repeating: "*a ", count: $0) + "x" + String(repeating: " b*", count: $0) + "\n")
        }
    }

    @Test func deepHTMLIsRefusedRatherThanCutShort() throws {
        func html(_ depth: Int) -> String {
            "<html><body>\n" + String(repeating: "<div>", count: depth) + "<p>Deep.</p>"
                + String(repeating: "</div>", count: depth)
                + "\n<p>After.</p></body></html>\n"
        }
        let document = try HTMLReader().read(Array(html(200).utf8), path: "deep.html", locale: .english)
        #expect(document.units.map(\.source.plainText) == ["Deep.", "After."])
        for depth in [300, 1_000_000] {
            do {
                let cut = try HTMLReader().read(Array(html(depth).utf8), path: "deep.html", locale: .english)
                Issue.record("\(depth) deep: read as \(cut.units.map(\.source.plainText))")
            } catch {
                #expect(error.diagnostics.first?.message.contains("stopped reading") == true, "\(error)")
                #expect(error.diagnostics.first?.line == 2)
            }
        }
    }

    // MARK: Values

    /// A plural value with `depth` plural values nested in its `other` form.
    static func nestedPlural(_ depth: Int, text: String = "") -> String {
        String(repeating: "{5, plural, other {\(text)", count: depth) + "x" + String(repeating: "}}", count: depth)
    }

    @Test func nestedPluralsUpToTheLimitReadAndDeeperOnesAreRefused() throws {
        let limit = InputLimits.maximumValueNesting
        let document = try Self.reader.read(
            Array(("We have " + Self.nestedPlural(limit) + ".\n").utf8), path: "p.md", locale: .english)
        #expect(document.units.first?.codes.first?.value != nil)
        #expect(try ValueFormatter(locale: .dutch).format(#require(document.units.first?.codes.first?.value)) == "x")
        for depth in [limit + 1, 100, 5_000, 20_000] {
            Self.expectRefused("We have " + Self.nestedPlural(depth) + ".\n", "nested more than \(limit) deep")
        }
    }

    @Test func aValueNestedInAFormIsChecked() {
        Self.expectRefused("We have {5, plural, one {one} other {{2021-02-30, date}}}.\n", "not a day of the calendar")
        Self.expectRefused("We have {5, plural, one {{2021-02-30, date}} other {many}}.\n", "not a day of the calendar")
    }

    @Test func nestedPluralsTakeLinearTime() {
        Self.expectNearLinear("nested plural forms", n: 2_000) { size in
            _ = Self.problems(
                "We have "
                    + Self.nestedPlural(InputLimits.maximumValueNesting, text: String(repeating: "a ", count: size))
                    + ".\n")
        }
    }

    @Test func formsUpToTheLimitReadAndOneMoreIsRefused() throws {
        func plural(_ forms: Int) -> String {
            "We have {5, plural, " + (0..<(forms - 1)).map { "=\($0) {n\($0)}" }.joined(separator: " ")
                + " other {many}}.\n"
        }
        let document = try Self.reader.read(
            Array(plural(InputLimits.maximumValueForms).utf8), path: "p.md", locale: .english)
        guard case .plural(_, let variants, _)? = document.units.first?.codes.first?.value?.kind else {
            Issue.record("no plural value")
            return
        }
        #expect(variants.count == InputLimits.maximumValueForms)
        Self.expectRefused(
            plural(InputLimits.maximumValueForms + 1), "more than \(InputLimits.maximumValueForms) forms")
        Self.expectRefused(plural(10_000), "more than \(InputLimits.maximumValueForms) forms")
    }

    @Test func aSkeletonICURendersAsNothingOrTooLongIsAnError() {
        Self.expectRefused(
            "On {2021-03-08, date, ::" + String(repeating: "y", count: 1_000) + "}.\n", "skeleton is longer than")
        Self.expectRefused(
            "On {2021-03-08, date, ::" + String(repeating: "y", count: 101) + "}.\n", "skeleton is longer than")
        // At the limit the skeleton reaches ICU, which makes nothing of a hundred `y`: that is an error too.
        let atLimit = Self.problems("On {2021-03-08, date, ::" + String(repeating: "y", count: 100) + "}.\n")
        #expect(atLimit.allSatisfy { !$0.message.contains("longer than") })
        #expect(Self.problems("On {2021-03-08, date, ::yMMMMd}.\n").isEmpty)
    }

    // MARK: Quadratic work

    @Test func manyFrontMatterKeysTakeLinearTime() {
        Self.expectNearLinear("front-matter keys", n: 5_000) { count in
            _ = Self.problems("---\n" + (0..<count).map { "k\($0): v\n" }.joined() + "---\nHi.\n")
        }
        Self.expectRefused("---\ntitle: a\nother: b\ntitle: c\n---\nHi.\n", "duplicate key 'title'", line: 4)
    }

    // MARK: Sizes

    @Test func aUnitUpToTheLimitReadsAndOneByteMoreIsRefused() throws {
        let limit = InputLimits.maximumUnitLength
        func frontMatter(_ length: Int) -> String {
            "---\ntitle: " + String(repeating: "a", count: length) + "\n---\nHi.\n"
        }
        #expect(Self.problems(frontMatter(limit)).isEmpty)
        Self.expectRefused(frontMatter(limit + 1), "over the \(limit)-byte limit", line: 2)
        // One long line: one sentence, so one unit.
        let line = "Intro.\n\n" + String(repeating: "a", count: limit + 1) + "\n"
        Self.expectRefused(line, "over the \(limit)-byte limit", line: 3)
        let html = "<p>Intro.</p>\n<p>" + String(repeating: "a", count: limit + 1) + "</p>\n"
        do {
            _ = try HTMLReader().read(Array(html.utf8), path: "long.html", locale: .english)
            Issue.record("an HTML paragraph over the limit was read")
        } catch {
            #expect(error.diagnostics.first?.message.contains("over the \(limit)-byte limit") == true, "\(error)")
            #expect(error.diagnostics.first?.line == 2)
        }
    }

    @Test func formsDoNotRepeatALongValueInFull() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let forms = (0..<(InputLimits.maximumValueForms - 1)).map { "=\($0) {\(String(repeating: "n", count: 200))}" }
            .joined(separator: " ")
        let source = String(repeating: "word ", count: 2_000) + "{5, plural, \(forms) other {many}}\n"
        try TestSupport.write(source, to: root + "/Sources-EN/forms.md")
        let extract = Extractor(project: try Project(root: root)).run()
        #expect(!extract.hasErrors, "\(extract.diagnostics)")
        let xliff = try #require(try FileStore.read(root + "/Locales/nl/forms.md.xlf"))
        // Each of the hundred forms is written with its text and a short note: not the whole value again.
        #expect(xliff.count < 8 * source.utf8.count, "\(xliff.count) bytes of XLIFF for \(source.utf8.count) of source")
    }

    /// A document of `count` paragraphs of distinct sentences; `edit` is added to each.
    static func paragraphs(_ count: Int, edit: String = "") -> [UInt8] {
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
        return Array(
            (0..<count).map { index in
                "Paragraph \(index) has "
                    + (0..<6).map { words[(index * 7 + $0 * 3) % words.count] }.joined(separator: " ") + edit + ".\n\n"
            }.joined().utf8)
    }

    @Test func mergingALargeDocumentTakesLinearTime() throws {
        func merge(_ bytes: [UInt8], into file: XLIFFFile) throws {
            let document = try Self.reader.read(bytes, path: "big.md", locale: .english)
            _ = XLIFFMerger.merge(document, into: file, formatter: ValueFormatter(locale: .english), target: .dutch)
        }
        // The first extract: every unit is new.
        Self.expectNearLinear("first extract", n: 300) { count in
            try? merge(
                Self.paragraphs(count),
                into: XLIFFFile(original: "big.md", source: .english, target: .dutch, version: .v12))
        }
        // Every paragraph edited: each is paired with its old version by similarity.
        Self.expectNearLinear("every paragraph edited", n: 300) { count in
            let file = XLIFFFile(original: "big.md", source: .english, target: .dutch, version: .v12)
            try? merge(Self.paragraphs(count), into: file)
            try? merge(Self.paragraphs(count, edit: " again"), into: file)
        }
        let file = XLIFFFile(original: "big.md", source: .english, target: .dutch, version: .v12)
        try merge(Self.paragraphs(50), into: file)
        let ids = file.units.map(\.id)
        try merge(Self.paragraphs(50, edit: " again"), into: file)
        #expect(file.units.map(\.id) == ids, "edited paragraphs keep their units")
    }

    @Test func manyValuesInOneParagraphTakeLinearTime() {
        func readAndMerge(_ text: String) {
            guard let document = try? Self.reader.read(Array(text.utf8), path: "values.md", locale: .english) else {
                Issue.record("the values did not read")
                return
            }
            let file = XLIFFFile(original: "values.md", source: .english, target: .dutch, version: .v12)
            _ = XLIFFMerger.merge(document, into: file, formatter: ValueFormatter(locale: .english), target: .dutch)
        }
        Self.expectNearLinear("values in one sentence", n: 300) { count in
            readAndMerge("We have " + (0..<count).map { "{\($0), number}" }.joined(separator: " and ") + ".\n")
        }
        Self.expectNearLinear("values in as many sentences", n: 300) { count in
            readAndMerge((0..<count).map { "We have {\($0), number}." }.joined(separator: " ") + "\n")
        }
        Self.expectNearLinear("values in one HTML paragraph", n: 300) { count in
            let html = "<p>We have " + (0..<count).map { "{\($0), number}" }.joined(separator: " and ") + ".</p>\n"
            _ = try? HTMLReader().read(Array(html.utf8), path: "values.html", locale: .english)
        }
    }

    @Test func anAddressATranslatorTypesStaysTextWithoutStrayBackslashes() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            "Visit our site.\n\nSee https://example.com/a_b or www.example.org/x_y.\n", to: root + "/Sources-EN/u.md")
        #expect(!Extractor(project: try Project(root: root)).run().hasErrors)
        try TestSupport.translate(
            root + "/Locales/nl/u.md.xlf",
            [
                "Visit our site.":
                    "Bezoek https://example.com/a_b*c?x=1&amp;y=[2], www.example.org/x_y of mail info@example.org."
            ])
        let xliff = try TestSupport.read(root + "/Locales/nl/u.md.xlf")
        let second = try #require(
            xliff.firstRange(of: "<source>See ").map { xliff[$0.upperBound...].prefix { $0 != "\n" } })
        let inner = "See " + second.dropLast("</source>".count)
        try TestSupport.translate(root + "/Locales/nl/u.md.xlf", [inner: inner.replacing("See ", with: "Zie ")])
        let build = Builder(project: try Project(root: root), html: true).run(locale: .dutch)
        #expect(!build.hasErrors, "\(build.diagnostics)")
        let page = try TestSupport.read(root + "/Bundles/nl/u.html")
        let typed = try #require(
            page.firstRange(of: "<p>Bezoek").map { String(page[$0.lowerBound...].prefix { $0 != "\n" }) })
        #expect(
            typed == "<p>Bezoek https://example.com/a_b*c?x=1&amp;y=[2], www.example.org/x_y of mail "
                + "<a href=\"mailto:info@example.org\">info@example.org</a>.</p>")
        #expect(!page.contains("%5C") && !page.contains("\\"), "\(page)")
        // The source's own address is a code: still a link, as written.
        #expect(page.contains("<a href=\"https://example.com/a_b\">https://example.com/a_b</a>"), "\(page)")
    }

    @Test func aSourceOverTheFileSizeLimitIsRefusedUnread() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/small.md")
        try TestSupport.write("", to: root + "/Sources-EN/huge.md")
        // A sparse file: one byte past the limit, without the disk space or the memory.
        #expect(truncate(root + "/Sources-EN/huge.md", off_t(InputLimits.maximumFileSize + 1)) == 0)
        let report = Extractor(project: try Project(root: root)).run()
        let error = report.diagnostics.first { $0.severity == .error }
        #expect(
            error?.path.hasSuffix("huge.md") == true && error?.message.contains("limit") == true,
            "\(report.diagnostics)")
        #expect(FileStore.exists(root + "/Locales/nl/small.md.xlf"))
        #expect(!FileStore.exists(root + "/Locales/nl/huge.md.xlf"))
    }

    // MARK: Line endings

    @Test func aLoneCarriageReturnIsRefusedWithItsPosition() throws {
        let found = Self.problems("One.\r\rTwo.\n\nThree.\n")
        #expect(found.first?.message.contains("lone carriage return") == true, "\(found)")
        #expect(found.first.map { [$0.line, $0.column] } == [1, 5])
        let late = Self.problems("---\ntitle: T\n---\n\nOne.\r\nTwo.\n\nThree.\r")
        #expect(late.first.map { [$0.line, $0.column] } == [8, 7], "\(late)")
        // In HTML a CR is whitespace like any other: the page reads as its elements say.
        let html = try HTMLReader().read(
            Array("<p>One.\r\rTwo.</p>\r<p>Three.</p>\r".utf8), path: "cr.html", locale: .english)
        #expect(html.units.map(\.source.plainText) == ["One.\r\rTwo.", "Three."])
    }

    @Test func mixedLineEndingsBuildTheTranslatedPage() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let source = "---\r\ntitle: Mixed\n---\r\n\r\nOne.\r\nTwo.\n\nThree.\r\n\r\n- Four.\n- Five.\r\n"
        try TestSupport.write(source, to: root + "/Sources-EN/mixed.md")
        let extract = Extractor(project: try Project(root: root)).run()
        #expect(!extract.hasErrors, "\(extract.diagnostics)")
        #expect(extract.diagnostics.isEmpty, "\(extract.diagnostics)")
        try TestSupport.translate(
            root + "/Locales/nl/mixed.md.xlf",
            [
                "Mixed": "Gemengd", "One.": "Een.", "Two.": "Twee.", "Three.": "Drie.", "Four.": "Vier.",
                "Five.": "Vijf.",
            ])
        let build = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(!build.hasErrors, "\(build.diagnostics)")
        #expect(
            try TestSupport.read(root + "/Bundles/nl/mixed.md")
                == "---\r\ntitle: Gemengd\n---\r\n\r\nEen.\r\nTwee.\n\nDrie.\r\n\r\n- Vier.\n- Vijf.\r\n")
    }
}
