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
        let map: [Character: Character] = ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú",
                                           "c": "ç", "n": "ñ", "y": "ÿ"]
        return Segment(segment.pieces.map { piece in
            if case .text(let text) = piece { return .text(String(text.map { map[$0] ?? $0 })) }
            return piece
        })
    }

    /// The document built with each unit's target set by `translate`.
    static func build(_ markdown: String, _ translate: (Segment) -> Segment) throws -> String {
        let locale = LocaleTag.english
        let document = try MarkdownReader(frontMatterKeys: []).read(Array(markdown.utf8), path: "example.md", locale: locale)
        var targets: [String: Segment] = [:]
        for unit in document.units where unit.isTranslatable { targets[unit.id] = translate(unit.source) }
        let (bytes, _) = DocumentRenderer(document: document, formatter: ValueFormatter(locale: locale)).render(targets: targets, fallbackLanguage: nil)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The tags of an HTML text with their attributes, text left out, so structure can be compared.
    static func structure(_ html: String) -> [String] {
        var tags: [String] = []
        var current: String?
        for character in html {
            if character == "<" { current = "" } else if character == ">", var tag = current {
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
        print("CommonMark examples rebuilt byte for byte from source-equal targets: \(examples.count - different.count) of \(examples.count)")
        #expect(different.isEmpty, "\(different)")
    }

    @Test func pseudoTranslationKeepsTheHTMLStructure() throws {
        let examples = try Self.examples()
        var broken: [String] = []
        // CCL10N_DEBUG_EXAMPLES=23,33 prints those examples' Markdown and HTML when they break.
        let debugged = Set((ProcessInfo.processInfo.environment["CCL10N_DEBUG_EXAMPLES"] ?? "").split(separator: ",").compactMap { Int($0) })
        for example in examples {
            let original = Self.structure(MarkdownHTML.render(Array(example.markdown.utf8)))
            guard let built = try? Self.build(example.markdown, Self.pseudo) else {
                broken.append("\(example.example) (not read)")
                continue
            }
            if Self.structure(MarkdownHTML.render(Array(built.utf8))) != original {
                broken.append("\(example.example)")
                if debugged.contains(example.example) {
                    print("=== \(example.example)\n\(example.markdown)--- built\n\(built)--- html\n\(MarkdownHTML.render(Array(example.markdown.utf8)))--- built html\n\(MarkdownHTML.render(Array(built.utf8)))")
                }
            }
        }
        print("CommonMark examples whose pseudo-translation keeps the HTML structure: \(examples.count - broken.count) of \(examples.count)")
        print("broken: \(broken.joined(separator: ", "))")
        #expect(broken.isEmpty)
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
