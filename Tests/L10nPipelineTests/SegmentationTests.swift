import Testing

@testable import L10nPipeline

/// Sentence segmentation: ICU's boundaries, corrected with abbreviation lists, never inside a pair of codes.
struct SegmentationTests {
    func sentences(_ markdown: String, _ locale: String = "en") throws -> [String] {
        let document = try MarkdownReader(frontMatterKeys: []).read(
            Array(markdown.utf8), path: "a.md", locale: try #require(LocaleTag(locale)))
        return document.units.map { String(decoding: document.bytes[$0.range], as: UTF8.self) }
    }

    @Test func paragraphsAreCutIntoSentences() throws {
        #expect(
            try sentences("One sentence here. Another one follows! And a third?\n")
                == ["One sentence here.", "Another one follows!", "And a third?"])
    }

    @Test(arguments: [
        ("Dr. Jansen and Prof. Smit met e.g. twice, i.e. in March. They agreed.", "en", 2),
        ("We met Mr. J. Smith etc. on Monday. It went well.", "en", 2),
        (
            "Dr. Jansen werkt o.a. in Amsterdam, bijv. op de afdeling. Zij is d.w.z. expert enz. en meer. Dat is goed.",
            "nl", 3
        ),
        ("De behandeling m.b.t. zeldzame tumoren duurt ca. drie weken. Daarna volgt controle.", "nl", 2),
    ])
    func abbreviationsDoNotEndSentences(text: String, locale: String, count: Int) throws {
        #expect(try sentences(text + "\n", locale).count == count)
    }

    @Test func aSentenceBoundaryNeverSplitsAPairOfCodes() throws {
        #expect(
            try sentences("Before. *Inside one. Inside two.* After.\n") == [
                "Before.", "*Inside one. Inside two.*", "After.",
            ])
    }

    @Test func whitespaceBetweenSentencesStaysInTheDocument() throws {
        let text = "First sentence.   Second\nsentence on two lines.\n"
        let document = try MarkdownReader(frontMatterKeys: []).read(Array(text.utf8), path: "a.md", locale: .english)
        #expect(document.units.map(\.source.plainText) == ["First sentence.", "Second sentence on two lines."])
        var targets: [String: Segment] = [:]
        for unit in document.units { targets[unit.id] = Segment([.text(unit.source.plainText.uppercased())]) }
        let (bytes, _) = MarkdownRenderer(document: document, formatter: ValueFormatter(locale: .english)).render(
            targets: targets, fallbackLanguage: nil)
        #expect(String(decoding: bytes, as: UTF8.self) == "FIRST SENTENCE.   SECOND SENTENCE ON TWO LINES.\n")
    }

    /// The reader trims sentence edges and reads the word before a boundary by bytes when they are ASCII: where
    /// they are not (a no-break space, accented letters), it must cut as before, by characters.
    @Test func sentenceEdgesBeyondASCIIAreCutByCharacters() throws {
        #expect(
            try sentences("Über Dr. Müller.\u{A0} Zweiter Satz über É. Ça va.\n")
                == ["Über Dr. Müller.", "Zweiter Satz über É. Ça va."])
        #expect(try sentences("We met DR. Jansen today. Fine.\n") == ["We met DR. Jansen today.", "Fine."])
    }

    /// Unit ids hash a segment piece by piece: the same FNV-1a as over its joined key.
    @Test func unitIDHashIsTheHashOfTheKey() {
        let segment = Segment([
            .text("Read "), .start("1"), .text("the guide"), .end("1"), .placeholder("2"), .text("."),
        ])
        #expect(UnitIdentity.keyHash(of: segment) == ContentHash.fnv1a(UnitIdentity.key(of: segment).utf8))
        #expect(UnitIdentity.keyHash(of: Segment()) == ContentHash.fnv1a([UInt8]()))
    }

    @Test func paragraphSegmentationOnRequest() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("segmentation: paragraph\n", to: root + "/ccl10n.yml")
        try TestSupport.write("One. Two. Three.\n", to: root + "/Sources-EN/a.md")
        #expect(Extractor(project: try Project(root: root)).run().summary.added == 1)
    }
}
