import Testing

@testable import L10nPipeline

struct MarkdownReaderTests {
    let reader = MarkdownReader(frontMatterKeys: ["title", "seo.description"])
    let english = LocaleTag.en

    func read(_ text: String) throws -> SourceDocument {
        try reader.read(Array(text.utf8), path: "doc.md", locale: english)
    }

    @Test func cutsHeadingsParagraphsListItemsAndTableCellsIntoUnits() throws {
        let document = try read(
            """
            # Title

            First paragraph
            on two lines.

            - one
            - two

            > quoted

            ```
            code block
            ```

            | a | b |
            |---|---|
            | 1 | 2 |
            """)
        #expect(
            document.units.map(\.source.plainText) == [
                "Title", "First paragraph on two lines.", "one", "two", "quoted", "a", "b", "1", "2",
            ])
        #expect(document.units.map(\.line) == [1, 3, 6, 7, 9, 15, 15, 17, 17])
        #expect(document.units.last?.kind == .tableCell)
        #expect(document.units[0].kind == .heading(level: 1))
        #expect(document.units[1].context == "under: Title")
    }

    @Test func inlineMarkupBecomesCodesWithTheOriginalSyntax() throws {
        let document = try read(
            "Some *emph*, __strong__, [a link](http://x.org \"T\"), `code`, <b>html</b> and ~~gone~~.\n")
        let unit = try #require(document.units.first)
        #expect(unit.source.plainText == "Some emph, strong, a link, , html and gone.")
        let pairs = unit.codes.filter { !$0.closing.isEmpty }.map { "\($0.kind.rawValue):\($0.opening)…\($0.closing)" }
        #expect(pairs == ["emphasis:*…*", "strong:__…__", "link:[…](http://x.org \"T\")", "strikethrough:~~…~~"])
        let placeholders = unit.codes.filter(\.closing.isEmpty).map { "\($0.kind.rawValue):\($0.opening)" }
        #expect(placeholders == ["code:`code`", "html:<b>", "html:</b>"])
    }

    @Test func valuesBecomeCodesAndKeepTheirPlace() throws {
        let text =
            "Held {2021-03-08/2021-03-14, daterange, ::MMMMd}, for {130000, number} people; \\{not, date} a value.\n"
        let document = try read(text)
        let unit = try #require(document.units.first)
        #expect(unit.codes.map(\.kind) == [.value, .value])
        #expect(unit.source.plainText == "Held , for  people; {not, date} a value.")
        let bytes = Array(text.utf8)
        #expect(
            unit.valueRanges.map { String(decoding: bytes[$0.range], as: UTF8.self) }
                == ["{2021-03-08/2021-03-14, daterange, ::MMMMd}", "{130000, number}"])
    }

    @Test func wrongValuesAreReportedAtTheirPosition() throws {
        let text = "# Title\n\nOn {2021-02-30, date, long} and {5 XYZ, currency}.\n"
        #expect {
            _ = try read(text)
        } throws: { error in
            guard let error = error as? DiagnosticError else { return false }
            return error.diagnostics.map(\.description) == [
                "doc.md:3:4: error: value '{2021-02-30, date, long}': 2021-02-30 is not a day of the calendar",
                "doc.md:3:33: error: value '{5 XYZ, currency}': 'XYZ' is not an ISO 4217 currency code that ICU knows",
            ]
        }
    }

    @Test func configuredFrontMatterKeysAreUnitsAndTheRestIsKept() throws {
        let text = "---\ntitle: \"Hello: world\"\nseo:\n  description: Nested text\ndate: 2021-03-08\n---\nBody.\n"
        let document = try read(text)
        #expect(
            document.units.map(\.id) == [
                "fm.title", "fm.seo.description", "p-" + String(ContentHash.hex("Body.".utf8).prefix(8)),
            ])
        #expect(document.units[0].source.plainText == "Hello: world")
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[document.units[0].range], as: UTF8.self) == "\"Hello: world\"")
        #expect(document.units[1].line == 4)
    }

    @Test func unclosedFrontMatterIsAnError() throws {
        #expect(throws: DiagnosticError.self) { try read("---\ntitle: x\nBody\n") }
    }

    @Test func idsDependOnContentNotPosition() throws {
        let before = try read("Alpha.\n\nBeta.\n\nAlpha.\n")
        let after = try read("New first.\n\nAlpha.\n\nBeta.\n\nAlpha.\n")
        #expect(before.units.map(\.id) == Array(after.units.map(\.id).dropFirst()))
        #expect(before.units[2].id == before.units[0].id + "-2")
    }
}

/// Front matter survives a translated build: key order, comments, dates, and each value's quoting style.
struct FrontMatterTests {
    static let document = """
        ---
        # Edited by the news desk
        title: Rare cancers   # the headline
        date: 2021-03-08
        description: 'A week of attention'
        summary: "Two projects"
        tags: [rare, research]
        ---
        Body.

        """

    func build(_ translations: [String: String]) throws -> String {
        let reader = MarkdownReader(frontMatterKeys: ["title", "description", "summary"])
        let document = try reader.read(Array(Self.document.utf8), path: "a.md", locale: .english)
        var targets: [String: Segment] = [:]
        for (id, text) in translations { targets[id] = Segment([.text(text)]) }
        let (bytes, _) = MarkdownRenderer(document: document, formatter: ValueFormatter(locale: .dutch)).render(
            targets: targets, fallbackLanguage: nil)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func translatedValuesKeepTheirStyleAndEverythingElseItsBytes() throws {
        let built = try build([
            "fm.title": "Zeldzame kanker", "fm.description": "Een week vol 'aandacht'", "fm.summary": "Twee projecten",
        ])
        #expect(
            built == """
                ---
                # Edited by the news desk
                title: Zeldzame kanker   # the headline
                date: 2021-03-08
                date_localized: "8 maart 2021"
                description: 'Een week vol ''aandacht'''
                summary: "Twee projecten"
                tags: [rare, research]
                ---
                Body.

                """)
    }

    @Test func aTranslationThatCannotBePlainIsQuoted() throws {
        let built = try build(["fm.title": "Zeldzaam: een week # lang"])
        #expect(built.contains("title: \"Zeldzaam: een week # lang\"   # the headline"))
    }
}

/// Lazy continuation lines: cmark-gfm reports their positions shifted by the container's indentation.
struct LazyContinuationTests {
    @Test(arguments: [
        "- Item one\n- Our bridge paints\nAnother sentence, 31973.\nAnother sentence, 5565.\n",
        "> Quoted text\nlazy line of the quote.\n",
    ])
    func textOnLazyLinesBelongsToItsUnit(markdown: String) throws {
        let document = try MarkdownReader(frontMatterKeys: [], segmentation: .paragraph).read(
            Array(markdown.utf8), path: "a.md", locale: .english)
        let text = document.units.map(\.source.plainText).joined(separator: " | ")
        for line in markdown.split(separator: "\n") {
            let words = line.drop { $0 == "-" || $0 == ">" || $0 == " " }
            #expect(text.contains(words), "'\(words)' is in no unit: \(text)")
        }
        // And a translation replaces it all.
        var targets: [String: Segment] = [:]
        for unit in document.units { targets[unit.id] = Segment([.text("X")]) }
        let (bytes, _) = MarkdownRenderer(document: document, formatter: ValueFormatter(locale: .english)).render(
            targets: targets, fallbackLanguage: nil)
        #expect(
            !String(decoding: bytes, as: UTF8.self).contains("sentence")
                && !String(decoding: bytes, as: UTF8.self).contains("lazy"))
    }
}
