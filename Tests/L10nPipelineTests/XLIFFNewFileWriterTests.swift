import FoundationEssentials
import Testing

@testable import L10nPipeline

/// A new XLIFF file written straight to bytes is byte for byte what the libxml2 tree writer (a new
/// ``XLIFFFile``, merged by ``XLIFFMerger``, serialized) gives, in XLIFF 1.2 and 2.1, and valid against the
/// official 1.2 strict and 2.1 schemas.
@Suite struct XLIFFNewFileWriterTests {
    /// A document of each format, read as extract reads it.
    struct Case {
        var name: String
        var document: SourceDocument
        var locale: LocaleTag
    }

    static func tree(_ item: Case, target: LocaleTag, version: XLIFFVersion) -> [UInt8] {
        let file = XLIFFFile(
            original: item.name, source: item.locale, target: target, version: version,
            datatype: item.document.format.xliffDatatype)
        _ = XLIFFMerger.merge(
            item.document, into: file, formatter: ValueFormatter(locale: item.locale), target: target,
            documentPath: item.name)
        return file.serialized()
    }

    static func direct(_ item: Case, target: LocaleTag, version: XLIFFVersion) -> [UInt8]? {
        let formatter = ValueFormatter(locale: item.locale)
        return XLIFFNewFileWriter.bytes(
            units: XLIFFMerger.units(of: item.document, target: target), original: item.name,
            source: item.locale, target: target, version: version,
            datatype: item.document.format.xliffDatatype,
            display: { XLIFFMerger.display($0, formatter) })
    }

    /// Compares both writers on every case, both versions and the given targets; returns how many files the
    /// byte writer left to the tree (nil), and records every difference.
    @discardableResult
    static func compare(_ cases: [Case], targets: [LocaleTag]) -> Int {
        var declined = 0
        var compared = 0
        defer { print("XLIFFNewFileWriter: \(compared) files as the tree writes them, \(declined) left to the tree") }
        for item in cases {
            for target in targets where target != item.locale {
                for version in XLIFFVersion.allCases {
                    guard let direct = direct(item, target: target, version: version) else {
                        declined += 1
                        continue
                    }
                    let tree = tree(item, target: target, version: version)
                    compared += 1
                    #expect(
                        direct == tree,
                        "\(item.name) → \(target.tag), XLIFF \(version.rawValue):\n\(String(decoding: direct, as: UTF8.self))\n---\n\(String(decoding: tree, as: UTF8.self))"
                    )
                }
            }
        }
        return declined
    }

    static func cases(in root: String) throws -> [Case] {
        let project = try Project(root: root)
        return try project.documents().map { reference in
            Case(
                name: reference.path, document: try #require(try project.load(reference)), locale: reference.root.locale
            )
        }
    }

    static let targets: [LocaleTag] = [.en, .nl, .pl, .ar]

    @Test func theSampleContentIsWrittenAsTheTreeWritesIt() throws {
        let cases = try Self.cases(in: TestSupport.packageRoot)
        #expect(cases.count >= 2)
        #expect(Self.compare(cases, targets: Self.targets) == 0)
    }

    /// Markup characters, quotes and tabs in text and in attributes, values of every kind, plural and select
    /// forms, inline HTML, code spans, an HTML document, and empty documents.
    @Test func escapingValuesAndFormsAreWrittenAsTheTreeWritesThem() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            """
            ---
            title: "Fish & chips <for> \\"two\\"\\tplease"
            ---
            # A & B < C > D "quoted" 'single'

            Text with `code <b> & "q"`, <span class="x">inline &amp; html</span>, a [link](https://e.org/?a=1&b=2 "Title \\"q\\"")
            and ![alt & <text>](img.png), **bold _nested_ ~~struck~~**, a hard\\
            break, {3, plural, one {# file} other {# files}} and {gender, select, female {her} male {his} other {their}}.

            On {2021-03-08, date, long} we paid {1600000 EUR, currency} for {0.25, number, percent} of it.

            | a & b | "c" |
            | --- | --- |
            | <i>d</i> | e\tf |

            """, to: root + "/Sources-EN/tricky.md")
        try TestSupport.write("", to: root + "/Sources-EN/empty.md")
        try TestSupport.write("```\nonly code\n```\n", to: root + "/Sources-EN/code-only.md")
        try TestSupport.write(
            "<html><head><title>T &amp; t</title></head><body><p>Hello <b>\"you\"</b> &lt;there&gt;</p>"
                + "<img alt=\"An &amp; image\" src=\"a.png\"></body></html>\n", to: root + "/Sources-EN/page.html")
        let cases = try Self.cases(in: root)
        #expect(cases.count == 4)
        #expect(Self.compare(cases, targets: Self.targets) == 0)
    }

    /// Every CommonMark spec example as a document: the byte writer either writes the tree's bytes or leaves
    /// the file to the tree (control characters only).
    @Test(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: CommonMark examples skipped"))
    func theCommonMarkExamplesAreWrittenAsTheTreeWritesThem() throws {
        let reader = MarkdownReader(frontMatterKeys: [])
        let cases = try CommonMarkFidelityTests.examples().compactMap { example -> Case? in
            guard let document = try? reader.read(Array(example.markdown.utf8), path: "example.md", locale: .english)
            else { return nil }
            return Case(name: "example-\(example.example).md", document: document, locale: .english)
        }
        #expect(cases.count > 600)
        let declined = Self.compare(cases, targets: [LocaleTag.nl])
        #expect(declined < 10, "the byte writer left \(declined) files to the tree")
    }

    /// The generated benchmark corpus (200 documents with dates, amounts and numbers), in both versions, is
    /// written as the tree writes it and is valid against the 1.2 strict and the 2.1 schemas.
    @Test(.enabled(if: TestSupport.hasShared, "../shared is absent: the generated corpus is skipped"))
    func aGeneratedCorpusIsWrittenAsTheTreeWritesItAndIsValid() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let generator = (TestSupport.shared ?? "") + "/bench/gen_corpus.py"
        let run = try CLIRun.run(
            executable: "/usr/bin/python3",
            [generator, root + "/Sources-EN", "--files", "200", "--seed", "18", "--locale-samples"])
        try #require(run.status == 0, "\(run.stderr)")
        let cases = try Self.cases(in: root)
        #expect(cases.count == 200)
        #expect(
            Self.compare(cases, targets: [LocaleTag.nl, LocaleTag.pl])
                == 0)
        let schemas: [XLIFFVersion: XMLSchemaValidator] = [
            .v12: try TestSupport.xliff12Schema(), .v21: try TestSupport.xliff21Schema(),
        ]
        for item in cases.prefix(50) {
            for version in XLIFFVersion.allCases {
                let bytes = try #require(
                    Self.direct(item, target: LocaleTag.nl, version: version))
                let problems =
                    schemas[version]!.validate(bytes: bytes, path: item.name)
                    + XLIFFValidator.validate(bytes: bytes, path: item.name).filter { $0.severity == .error }
                #expect(problems.isEmpty, "\(item.name), XLIFF \(version.rawValue): \(problems)")
            }
        }
    }
}
