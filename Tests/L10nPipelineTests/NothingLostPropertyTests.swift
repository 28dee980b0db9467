import Testing

@testable import L10nPipeline

/// No translation is ever lost, as a property: random sequences of source edits, translator edits and
/// re-extracts (seeded, so a failure can be replayed), checked after every step.
struct NothingLostPropertyTests {
    /// SplitMix64: a small seeded generator, so every run of the test takes the same steps.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let words = [
        "rare", "tumour", "patient", "care", "research", "week", "centre", "project", "blood", "test", "early", "team",
    ]

    static func sentence(_ random: inout Seeded) -> String {
        let count = Int.random(in: 4...9, using: &random)
        let text = (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }.joined(
            separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    @Test(arguments: [1, 2, 3])
    func translationsSurviveEveryStep(seed: UInt64) throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        var random = Seeded(state: seed)
        var paragraphs = (0..<6).map { _ in Self.sentence(&random) + " " + Self.sentence(&random) }
        let source = root + "/Sources-EN/a.md"
        let xliff = root + "/Locales/nl/a.md.xlf"
        let memory = root + "/Locales/tm/en-nl.tmx"
        var everTranslated: [String: String] = [:]  // source sentence → its translation
        try TestSupport.write(paragraphs.joined(separator: "\n\n") + "\n", to: source)
        _ = Extractor(project: try Project(root: root)).run()

        for step in 0..<25 {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: paragraphs.insert(Self.sentence(&random), at: Int.random(in: 0...paragraphs.count, using: &random))
            case 1 where paragraphs.count > 2:
                paragraphs.remove(at: Int.random(in: 0..<paragraphs.count, using: &random))
            case 2 where paragraphs.count > 2: paragraphs.swapAt(0, paragraphs.count - 1)
            case 3:
                let index = Int.random(in: 0..<paragraphs.count, using: &random)
                paragraphs[index] = paragraphs[index].replacing(".", with: "!")
            default:
                // A translator translates some units, and adds a note and an extension element to one.
                let file = try XLIFFEditing(xliff)
                let units = try XLIFFFile.parse(Array(try TestSupport.read(xliff).utf8), path: xliff)
                    .storedUnits().values.filter { $0.state == .new }
                for unit in units.prefix(3) {
                    let sourceText = unit.source.plainText
                    let translation = "NL " + sourceText.lowercased()
                    let changed = try file.translate12(source: sourceText, target: translation, note: "step \(step)")
                    guard changed > 0 else { continue }
                    everTranslated[sourceText] = translation
                }
                try file.save()
            }
            try TestSupport.write(paragraphs.joined(separator: "\n\n") + "\n", to: source)
            let report = Extractor(project: try Project(root: root)).run()
            #expect(!report.hasErrors, "step \(step): \(report.diagnostics)")

            // Every unit whose source still exists keeps its translation (and its translator's note).
            let text = try TestSupport.read(xliff)
            let stored = try XLIFFFile.parse(Array(text.utf8), path: xliff).storedUnits().values
            let current = Set(
                try MarkdownReader(frontMatterKeys: []).read(
                    Array(try TestSupport.read(source).utf8), path: "a.md", locale: .english
                )
                .units.map(\.source.plainText))
            for (sentence, translation) in everTranslated where current.contains(sentence) {
                let unit = stored.first { $0.source.plainText == sentence }
                #expect(
                    unit?.target?.plainText == translation,
                    "seed \(seed) step \(step): lost the translation of '\(sentence)'")
            }
            // Every translation ever made is in the translation memory.
            let tmx = try FileStore.read(memory).map { String(decoding: $0, as: UTF8.self) } ?? ""
            for (sentence, translation) in everTranslated {
                #expect(
                    tmx.contains("<seg>\(translation)</seg>"),
                    "seed \(seed) step \(step): '\(sentence)' → '\(translation)' is gone")
            }
        }
        #expect(!everTranslated.isEmpty)
    }
}
