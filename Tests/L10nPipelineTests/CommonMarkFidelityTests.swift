import FoundationEssentials
import Testing

@testable import L10nPipeline

/// Every CommonMark spec example as a document: extract, translate, build, and compare what cmark-gfm renders.
@Suite(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: CommonMark fidelity skipped"))
struct CommonMarkFidelityTests {
    struct Example: Decodable {
        var markdown: String
        var example: Int
        var section: String
    }

    static func examples() throws -> [Example] {
        let path = (TestSupport.shared ?? "") + "/conformance/commonmark/spec.json"
        let bytes = try #require(try FileStore.read(path))
        return try JSONDecoder().decode([Example].self, from: Data(bytes))
    }

    /// A pseudo-translation: every ASCII letter gets an accent, codes and everything else stay.
    static func pseudo(_ segment: Segment) -> Segment {
        let map: [Character: Character] = [
            "a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú",
            "c": "ç", "n": "ñ", "y": "ÿ",
        ]
        return Segment(
            segment.pieces.map { piece in
                if case .text(let text) = piece { return .text(String(text.map { map[$0] ?? $0 })) }
                return piece
            })
    }

    /// The document built with each unit's target set by `translate`.
    static func build(_ markdown: String, _ translate: (Segment) -> Segment) throws -> String {
        let locale = LocaleTag.english
        let document = try MarkdownReader(frontMatterKeys: []).read(
            Array(markdown.utf8), path: "example.md", locale: locale)
        var targets: [String: Segment] = [:]
        for unit in document.units where unit.isTranslatable { targets[unit.id] = translate(unit.source) }
        let (bytes, _) = MarkdownRenderer(document: document, formatter: ValueFormatter(locale: locale)).render(
            targets: targets, fallbackLanguage: nil)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The tags of an HTML text with their attributes, text left out, so structure can be compared.
    static func structure(_ html: String) -> [String] {
        var tags: [String] = []
        var current: String?
        for character in html {
            if character == "<" {
                current = ""
            } else if character == ">", var tag = current {
                // An image's alt carries translated text: its presence is structure, its words are not.
                if let alt = tag.firstRange(of: " alt=\""), let end = tag[alt.upperBound...].firstIndex(of: "\"") {
                    tag.replaceSubrange(alt.lowerBound...end, with: " alt")
                }
                tags.append(tag)
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return tags
    }

    @Test func sourceTargetsGiveTheSameBytes() throws {
        let examples = try Self.examples()
        var different: [Int] = []
        for example in examples {
            let built = try? Self.build(example.markdown) { $0 }
            if built != example.markdown { different.append(example.example) }
        }
        print(
            "CommonMark examples rebuilt byte for byte from source-equal targets: \(examples.count - different.count) of \(examples.count)"
        )
        #expect(different.isEmpty, "\(different)")
    }

    /// The examples as files, `example-NNN.md`; those cmark-gfm's reader would take as front matter (they
    /// open with `---` and have a closing `---`) are left out: as a document they are not the spec's example.
    static func exampleFiles() throws -> (files: [(path: String, bytes: [UInt8])], frontMatterLike: [Int]) {
        var files: [(path: String, bytes: [UInt8])] = []
        var frontMatterLike: [Int] = []
        for example in try examples() {
            let bytes = Array(example.markdown.utf8)
            let frontMatter = Result { () throws(PositionedError) in try FrontMatter.find(in: bytes, at: 0) }
            if case .success(nil) = frontMatter {
            } else {
                frontMatterLike.append(example.example)
                continue
            }
            let number = String(example.example)
            files.append(("spec/example-" + String(repeating: "0", count: 3 - number.count) + number + ".md", bytes))
        }
        return (files, frontMatterLike)
    }

    /// Every example through extract, a pseudo-translation of every target, and build, as a user runs them.
    @Test func pseudoTranslationRoundTripsThroughExtractAndBuild() throws {
        let (files, frontMatterLike) = try Self.exampleFiles()
        let outcome = try PseudoRoundTrip.run(files)
        print(PseudoRoundTrip.summary("CommonMark spec examples", outcome))
        print("left out as front matter: examples \(frontMatterLike.map(String.init).joined(separator: ", "))")
        for (path, detail) in outcome.different { print("different: \(path): \(detail)") }
        for (path, detail) in outcome.failed { print("not built: \(path): \(detail)") }
        #expect(outcome.different.isEmpty)
        #expect(outcome.failed.isEmpty)
        #expect(outcome.identityDifferent.isEmpty, "\(outcome.identityDifferent)")
    }

    static let tables = [
        "| Name | Amount |\n|------|-------:|\n| COHERENT | 1.6 million |\n| *FORCE* \\| x | `a|b` |\n",
        "Left | Centre | Right\n:--- | :---: | ---:\nplain text | **strong** text | [a link](https://example.org)\n",
        "| a |\n| - |\n| ~~gone~~ and <b>html</b> |\n\nAfter the table.\n",
        "| only header |\n|---|\n",
    ]

    @Test(arguments: tables)
    func gfmTablesRebuildAndKeepTheirStructure(markdown: String) throws {
        #expect(try Self.build(markdown) { $0 } == markdown)
        let original = Self.structure(MarkdownHTML.render(Array(markdown.utf8)))
        let pseudo = try Self.build(markdown, Self.pseudo)
        #expect(Self.structure(MarkdownHTML.render(Array(pseudo.utf8))) == original, "\(pseudo)")
        // A translator's pipe stays text: it must not open a new cell.
        let piped = try Self.build(markdown) { Segment($0.pieces + [.text(" | extra")]) }
        #expect(Self.structure(MarkdownHTML.render(Array(piped.utf8))) == original, "\(piped)")
    }
}
