import Testing

@testable import L10nPipeline

/// The memory's fuzzy index finds exactly what comparing the query with every entry finds.
@Suite struct FuzzyIndexTests {
    /// Letters that make many shared bigrams, a repeated letter, case, and characters outside ASCII (one of
    /// them also written as a letter and a combining accent, which Swift compares as the same character).
    static let alphabet: [String] = ["a", "b", "a", "n", " ", "A", "é", "e\u{301}", "É", "ß", "🙂", "\r\n", "-"]

    static func text(_ random: inout NothingLostPropertyTests.Seeded, length: Int) -> String {
        (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }.joined()
    }

    /// Every entry at or above the threshold, best first then by key, by brute force.
    static func bruteForce(_ profiles: [String: BigramProfile], _ query: Segment, minimum: Double) -> [String] {
        let profile = BigramProfile(query.plainText)
        let own = UnitIdentity.key(of: query)
        return profiles.compactMap { key, entry -> (key: String, score: Double)? in
            let score = entry.similarity(to: profile)
            return key != own && score >= minimum ? (key, score) : nil
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        .map { "\($0.key) \($0.score)" }
    }

    /// A random memory of up to 300 entries, of sizes from none to 40 characters.
    static func memory(_ random: inout NothingLostPropertyTests.Seeded) -> TranslationMemory {
        var memory = TranslationMemory(source: .english, target: .dutch)
        for _ in 0..<Int.random(in: 1...300, using: &random) {
            let source = text(&random, length: sizes[Int.random(in: 0..<sizes.count, using: &random)])
            var pieces: [Segment.Piece] = [.text(source)]
            // Some sources carry a code: the same text twice, under two keys.
            if Bool.random(using: &random) { pieces.insert(.placeholder("1"), at: 0) }
            let segment = Segment(pieces)
            guard segment.hasText || Bool.random(using: &random) else { continue }
            memory.add(.init(source: segment, target: Segment([.text("t " + source)]), codes: [:], document: nil))
        }
        return memory
    }

    static let sizes = [0, 1, 2, 3, 5, 8, 13, 20, 40]

    /// Queries: random texts, and entries' own sources edited a little (near matches, and the entry itself).
    static func query(_ random: inout NothingLostPropertyTests.Seeded, trial: Int, entries: [TranslationMemory.Entry])
        -> Segment
    {
        var text = Self.text(&random, length: sizes[Int.random(in: 0..<sizes.count, using: &random)])
        if trial % 2 == 0, let entry = entries.randomElement(using: &random) {
            text = entry.source.plainText
            if Bool.random(using: &random) {
                text += Self.text(&random, length: Int.random(in: 0...3, using: &random))
            }
        }
        return Segment([.text(text)])
    }

    /// The same entries with the same scores as brute force, best first (ties are ordered by key; not compared
    /// here, as Swift orders some canonically equivalent keys differently in different sorts).
    static func expectSame(
        _ found: [(entry: TranslationMemory.Entry, score: Double)], _ expected: [String], _ comment: Comment
    ) {
        #expect(Set(found.map { "\(UnitIdentity.key(of: $0.entry.source)) \($0.score)" }) == Set(expected), comment)
        #expect(found.count == expected.count && zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func theIndexFindsWhatBruteForceFinds(seed: UInt64) {
        var random = NothingLostPropertyTests.Seeded(state: seed)
        let memory = Self.memory(&random)
        let entries = Array(memory.entries.values)
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for trial in 0..<100 {
            let query = Self.query(&random, trial: trial, entries: entries)
            for minimum in [0.0, 0.3, 0.5, 0.75, 0.9, 1.0] {
                Self.expectSame(
                    memory.fuzzy(query, minimum: minimum, limit: Int.max),
                    Self.bruteForce(profiles, query, minimum: minimum),
                    "seed \(seed): '\(query.plainText)' at \(minimum)")
            }
        }
    }

    /// An index read from a file (as extract reads it) finds exactly what
    /// brute force finds, at thresholds between those above.
    @Test(arguments: [0.2, 0.6, 0.8, 0.95], [11, 12, 13] as [UInt64])
    func anIndexReadFromAFileFindsWhatBruteForceFinds(minimum: Double, seed: UInt64) throws {
        var random = NothingLostPropertyTests.Seeded(state: seed)
        let memory = Self.memory(&random)
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        let path = folder + "/memory.index"
        try FileStore.writeAtomically(MemoryIndex.build(memory.entries), to: path)
        let index = try #require(MappedBytes(mapping: path).flatMap(MemoryIndex.init))
        let entries = Array(memory.entries.values)
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for trial in 0..<60 {
            let query = Self.query(&random, trial: trial, entries: entries)
            Self.expectSame(
                index.fuzzy(query, minimum: minimum, limit: Int.max),
                Self.bruteForce(profiles, query, minimum: minimum),
                "seed \(seed): '\(query.plainText)' at \(minimum)")
        }
    }

    /// Lists stored as bitmaps and as lists of ids, mixed in one index in every proportion (from every list a
    /// bitmap to none), find exactly what brute force finds.
    @Test(arguments: [1, 4, 32, 1 << 20], [31, 32, 33] as [UInt64])
    func bitmapsAndListsOfIdsFindWhatBruteForceFinds(bitmapShare: Int, seed: UInt64) throws {
        var random = NothingLostPropertyTests.Seeded(state: seed)
        let memory = Self.memory(&random)
        let index = try #require(
            MemoryIndex(MappedBytes(copying: MemoryIndex.build(memory.entries, bitmapShare: bitmapShare))))
        let (bitmaps, lists) = index.listKinds
        #expect(
            bitmapShare == 1
                ? bitmaps < lists / 4 : bitmapShare == 1 << 20 ? bitmaps == lists : bitmaps > 0 && bitmaps < lists)
        let entries = Array(memory.entries.values)
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for trial in 0..<60 {
            let query = Self.query(&random, trial: trial, entries: entries)
            for minimum in [0.3, 0.75, 0.9] {
                Self.expectSame(
                    index.fuzzy(query, minimum: minimum, limit: Int.max),
                    Self.bruteForce(profiles, query, minimum: minimum),
                    "seed \(seed), share \(bitmapShare): '\(query.plainText)' at \(minimum)")
            }
        }
    }

    /// Texts that share only their commonest features with the query, or only late ones, are still found: the
    /// query's prefix and the positional filter must not drop them.
    @Test func matchesThroughCommonFeaturesAreFound() {
        var memory = TranslationMemory(source: .english, target: .dutch)
        // "ab" is in every entry, so it ranks last; the texts alike differ in their rare bigrams.
        var sources = (0..<200).map { "ab\($0)ab" }
        sources += ["abababab", "abababax", "xbababab", "abab abab"]
        for source in sources {
            memory.add(
                .init(source: Segment([.text(source)]), target: Segment([.text(source)]), codes: [:], document: nil))
        }
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for text in ["abababab", "ababababab", "bababa", "ab7ab", "ab17ab", "ab1ab"] {
            let query = Segment([.text(text)])
            for minimum in [0.5, 0.75, 0.9] {
                Self.expectSame(
                    memory.fuzzy(query, minimum: minimum, limit: Int.max),
                    Self.bruteForce(profiles, query, minimum: minimum), "'\(text)'")
            }
        }
    }

    /// Long, repetitive texts of every size from 0 to 150 characters, so that a query's lists are counted for
    /// some sizes and probed for others (each size has its own signature), at thresholds near 0 and 1.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func textsOfManySizesAreFoundAtEveryThreshold(seed: UInt64) {
        var random = NothingLostPropertyTests.Seeded(state: seed)
        var memory = TranslationMemory(source: .english, target: .dutch)
        let words = ["ab", "ba", "aab", "n a", "ban", "é"]
        func text(_ length: Int) -> String {
            var text = ""
            while text.count < length { text += words[Int.random(in: 0..<words.count, using: &random)] }
            return String(text.prefix(length))
        }
        for length in 0...150 {
            for _ in 0..<3 {
                let source = text(length)
                memory.add(
                    .init(source: Segment([.text(source)]), target: Segment([.text(source)]), codes: [:], document: nil)
                )
            }
        }
        let entries = Array(memory.entries.values)
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for trial in 0..<40 {
            var query = trial % 2 == 0 ? text(Int.random(in: 1...150, using: &random)) : ""
            if let entry = entries.randomElement(using: &random), query.isEmpty {
                query = entry.source.plainText + text(Int.random(in: 0...4, using: &random))
            }
            for minimum in [0.01, 0.2, 0.5, 0.75, 0.9, 0.99, 1.0] {
                Self.expectSame(
                    memory.fuzzy(Segment([.text(query)]), minimum: minimum, limit: Int.max),
                    Self.bruteForce(profiles, Segment([.text(query)]), minimum: minimum),
                    "seed \(seed): '\(query)' at \(minimum)")
            }
        }
    }

    /// A text of `length` characters made of a few short words (many shared bigrams, some repeated).
    static func repetitiveText(_ random: inout NothingLostPropertyTests.Seeded, length: Int) -> String {
        let words = ["ab", "ba", "aab", "n a", "ban", "é"]
        var text = ""
        while text.count < length { text += words[Int.random(in: 0..<words.count, using: &random)] }
        return String(text.prefix(length))
    }

    /// Queries of 249 to 261 bigrams, more than one-byte counters hold: each text is also stored with a code
    /// (another key, the same text), which shares all of the query's bigrams. Found exactly as brute force finds
    /// them, at thresholds low enough that every list is counted.
    @Test(arguments: [41, 42] as [UInt64])
    func queriesOfMoreThan255BigramsAreCountedInFull(seed: UInt64) {
        var random = NothingLostPropertyTests.Seeded(state: seed)
        var memory = TranslationMemory(source: .english, target: .dutch)
        var texts: [String] = []
        for length in 250...262 {
            let text = Self.repetitiveText(&random, length: length)
            texts.append(text)
            for pieces in [[.text(text)], [.placeholder("1"), .text(text)]] as [[Segment.Piece]] {
                memory.add(.init(source: Segment(pieces), target: Segment([.text(text)]), codes: [:], document: nil))
            }
        }
        let profiles = memory.entries.mapValues { BigramProfile($0.source.plainText) }
        for text in texts {
            for minimum in [0.01, 0.5, 0.9] {
                let found = memory.fuzzy(Segment([.text(text)]), minimum: minimum, limit: Int.max)
                Self.expectSame(
                    found, Self.bruteForce(profiles, Segment([.text(text)]), minimum: minimum),
                    "seed \(seed): \(text.count) characters at \(minimum)")
                #expect(found.first?.score == 1)
            }
        }
    }

    @Test func aLimitKeepsTheBestThenTheFirstKeys() {
        var memory = TranslationMemory(source: .english, target: .dutch)
        for source in ["abcdef", "abcdeg", "abcdeh", "abcdex", "zzzzzz"] {
            memory.add(
                .init(
                    source: Segment([.text(source)]), target: Segment([.text(source.uppercased())]), codes: [:],
                    document: nil))
        }
        let found = memory.fuzzy(Segment([.text("abcdez")]), minimum: 0.5, limit: 2)
        #expect(found.map(\.entry.source.plainText) == ["abcdef", "abcdeg"])
        #expect(found.allSatisfy { $0.score == 0.8 })
        #expect(
            memory.fuzzy(Segment([.text("abcdef")]), minimum: 0.5, limit: 1).first?.entry.target.plainText == "ABCDEG")
    }
}
