/// A translation memory in a compact, read-only form for lookups: exact matches through a table of key hashes,
/// fuzzy ones through a ``FuzzyIndex`` made for one threshold, entries decoded only when found. It is one block
/// of bytes, read in place or copied out slice by slice (``MappedBytes``): from a file, a lookup reads only what
/// it needs, and holds in memory only the small tables it searches.
///
/// Layout (native byte order, every section 8-aligned): a header (magic, entry count, the fuzzy threshold's
/// bits, then each section's offset and count), then the sections: the fuzzy index's size starts, features,
/// ranks, list starts, lists and forward lists by size and forward lists; the entries' key hashes (ascending)
/// and their numbers; the entries' offsets and bytes (``EntryCoding``); the alphabet; the numbers of entries too
/// repetitive for the fuzzy index.
struct MemoryIndex: Sendable {
    private let bytes: MappedBytes
    let count: Int
    private let section: [(offset: Int, count: Int)]
    /// The fuzzy index's non-ASCII characters, decoded once.
    private let alphabet: FuzzyIndex.Alphabet

    /// The similarity the fuzzy index finds every match for (lower thresholds compare every entry).
    let threshold: Double

    private static let magic: UInt64 = 0x3278_6564_6e69_6d74  // "tmindex2"
    private static let sectionCount = 13
    private static let headerSize = 24 + sectionCount * 16

    private enum Section: Int {
        case sizeStarts, features, ranks, postingStarts, postings, forwardStarts, forward, keyHashes, keyIDs,
            entryOffsets, entryData, alphabet, direct
    }

    /// The index of bytes made by ``build(_:)``; nil when they are not such an index (another version, torn).
    init?(_ bytes: MappedBytes) {
        guard bytes.count >= Self.headerSize, bytes.word(at: 0) == Self.magic else { return nil }
        self.bytes = bytes
        count = Int(bytes.word(at: 8))
        threshold = Double(bitPattern: bytes.word(at: 16))
        section = (0..<Self.sectionCount).map { (Int(bytes.word(at: 24 + $0 * 16)), Int(bytes.word(at: 32 + $0 * 16))) }
        let widths = [4, 8, 4, 4, 8, 8, 4, 8, 4, 8, 1, 1, 4]
        for (index, part) in section.enumerated()
        where part.offset % 8 != 0 || part.offset + part.count * widths[index] > bytes.count {
            return nil
        }
        let sizes = section[Section.sizeStarts.rawValue].count
        guard section[Section.keyHashes.rawValue].count == count, section[Section.entryOffsets.rawValue].count == count + 1,
            section[Section.forwardStarts.rawValue].count + 1 == sizes,
            section[Section.postingStarts.rawValue].count == section[Section.features.rawValue].count + 1
        else { return nil }
        alphabet = Self.alphabet(bytes, section[Section.alphabet.rawValue])
    }

    private subscript(_ part: Section) -> (offset: Int, count: Int) { section[part.rawValue] }

    private func values<T>(_ part: Section, _ type: T.Type) -> UnsafeBufferPointer<T> {
        bytes.values(type, at: self[part].offset, count: self[part].count)
    }

    // MARK: Lookups

    /// The entry for exactly this source, if any.
    func exact(_ source: Segment) -> TranslationMemory.Entry? {
        let key = UnitIdentity.key(of: source)
        let hash = ContentHash.fnv1a(key.utf8)
        let hashes = values(.keyHashes, UInt64.self)
        let ids = values(.keyIDs, UInt32.self)
        guard var position = FuzzyIndex.lowerBound(hashes, hash, in: 0..<hashes.count) else { return nil }
        while position < hashes.count, hashes[position] == hash {
            var reader = reader(Int(ids[position]))
            if UnitIdentity.key(of: reader.segment()) == key { return entry(Int(ids[position])) }
            position += 1
        }
        return nil
    }

    /// The entries whose source is at least `minimum` alike (``BigramProfile``), best first (then by key), at most
    /// `limit`, `source`'s own entry left out.
    func fuzzy(_ source: Segment, minimum: Double, limit: Int) -> [(entry: TranslationMemory.Entry, score: Double)] {
        guard count > 0, limit > 0 else { return [] }
        let text = source.plainText
        let characters = FuzzyIndex.numbers(text, alphabet: alphabet)
        var matches: [FuzzyIndex.Match]
        if minimum <= 0 || characters.count < 2 {
            // Nothing to index by: a text of no bigrams is alike only to the same text, and a threshold of 0
            // takes every entry.
            matches = minimum <= 0 ? direct(text, ids: 0..<UInt32(count)) : direct(text, ids: sizeRange(0))
            matches.removeAll { $0.score < minimum }
        } else if let found = fuzzyIndex.search(characters, minimum: minimum) {
            matches = found + direct(text, ids: values(.direct, UInt32.self)).filter { $0.score >= minimum }
        } else {
            matches = direct(text, ids: 0..<UInt32(count)).filter { $0.score >= minimum }
        }
        // Best first; keys decide between equal scores, so only the tied group at the limit needs them.
        matches.sort { $0.score > $1.score }
        let own = UnitIdentity.key(of: source)
        var result: [(key: String, entry: TranslationMemory.Entry, score: Double)] = []
        var start = 0
        while start < matches.count, result.count < limit {
            var end = start + 1
            while end < matches.count, matches[end].score == matches[start].score { end += 1 }
            let group = matches[start..<end].compactMap {
                match -> (key: String, entry: TranslationMemory.Entry, score: Double)? in
                let entry = entry(Int(match.id))
                let key = UnitIdentity.key(of: entry.source)
                return key == own ? nil : (key, entry, match.score)
            }
            result += group.sorted { $0.key < $1.key }.prefix(limit - result.count)
            start = end
        }
        return result.map { ($0.entry, $0.score) }
    }

    /// The entry numbered `id`, decoded.
    func entry(_ id: Int) -> TranslationMemory.Entry {
        var reader = reader(id)
        return reader.entry()
    }

    /// A reader of entry `id`'s bytes, copied out (only its bytes are read).
    private func reader(_ id: Int) -> EntryCoding.Reader {
        let offsets = bytes.copy(UInt64.self, at: self[.entryOffsets].offset + 8 * id, count: 2)
        let data = self[.entryData]
        let start = min(Int(offsets[0]), data.count)
        let end = min(max(Int(offsets[1]), start), data.count)
        return EntryCoding.Reader(
            bytes: MappedBytes(copying: bytes.copy(UInt8.self, at: data.offset + start, count: end - start)), offset: 0,
            end: end - start)
    }

    /// The numbers of the entries of `size` bigrams.
    private func sizeRange(_ size: Int) -> Range<UInt32> {
        let starts = values(.sizeStarts, UInt32.self)
        guard size + 1 < starts.count else { return 0..<0 }
        return starts[size]..<starts[size + 1]
    }

    /// Scores computed one entry at a time, for what the fuzzy index does not cover.
    private func direct(_ text: String, ids: some Sequence<UInt32>) -> [FuzzyIndex.Match] {
        let query = BigramProfile(text)
        return ids.map { id in
            var reader = reader(Int(id))
            return FuzzyIndex.Match(id: id, score: BigramProfile(reader.segment().plainText).similarity(to: query))
        }
    }

    private var fuzzyIndex: FuzzyIndex {
        FuzzyIndex(
            threshold: threshold, sizeStarts: values(.sizeStarts, UInt32.self), features: values(.features, UInt64.self),
            ranks: values(.ranks, UInt32.self), postingStarts: values(.postingStarts, UInt32.self),
            forwardStarts: values(.forwardStarts, UInt64.self), postings: self[.postings].offset,
            forward: self[.forward].offset, bytes: bytes, alphabet: alphabet)
    }

    /// The non-ASCII characters of the fuzzy index, in number order.
    private static func alphabet(_ bytes: MappedBytes, _ part: (offset: Int, count: Int)) -> FuzzyIndex.Alphabet {
        var characters: [Character] = []
        var offset = part.offset
        while offset + 4 <= part.offset + part.count {
            let length = Int(bytes.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
            let text = String(
                decoding: UnsafeRawBufferPointer(
                    start: bytes.base + offset, count: min(length, part.offset + part.count - offset)),
                as: UTF8.self)
            characters.append(text.first ?? " ")
            offset += length
        }
        return FuzzyIndex.Alphabet(characters)
    }
}

extension MemoryIndex {
    /// The compact form of `entries` (keyed by ``UnitIdentity/key(of:)``), in a block ``init(_:)`` reads, its
    /// fuzzy index made for `threshold` (in 0…1: lookups at or above it use the index).
    static func build(_ entries: [String: TranslationMemory.Entry], threshold: Double) -> [UInt8] {
        let keys = Array(entries.keys)
        let sources = keys.map { entries[$0]?.source.plainText ?? "" }
        var others = Set<Character>()
        for text in sources where !FuzzyIndex.isPlainASCII(text) {
            for character in text.lowercased() where character.utf8.count > 1 { others.insert(character) }
        }
        let alphabetList = others.sorted()
        let alphabet = FuzzyIndex.Alphabet(alphabetList)
        let unordered = sources.map { FuzzyIndex.numbers($0, alphabet: alphabet) }
        // Entries numbered by size, then key: every size's entries are one range of numbers.
        let order = keys.indices.sorted {
            unordered[$0].count != unordered[$1].count ? unordered[$0].count < unordered[$1].count : keys[$0] < keys[$1]
        }
        let prepared = order.map { (key: keys[$0], numbers: unordered[$0], size: max(0, unordered[$0].count - 1)) }

        // Every entry's features (as numbers of distinct features, in first-seen order), each feature's count.
        var featureNumber: [UInt64: UInt32] = [:]
        var featureKeys: [UInt64] = []
        var frequency: [UInt32] = []
        var entryFeatures: [UInt32] = []
        var direct: [UInt32] = []
        for (id, item) in prepared.enumerated() {
            let (features, saturated) = FuzzyIndex.features(item.numbers)
            if saturated { direct.append(UInt32(id)) }
            for case let feature? in features {
                let number = featureNumber[feature] ?? UInt32(featureKeys.count)
                if number == featureKeys.count {
                    featureNumber[feature] = number
                    featureKeys.append(feature)
                    frequency.append(0)
                }
                frequency[Int(number)] += 1
                entryFeatures.append(number)
            }
        }
        featureNumber = [:]
        // Ranks: rarest first (the shortest lists are the prefixes), then by feature.
        let byRank = featureKeys.indices.sorted {
            frequency[$0] != frequency[$1] ? frequency[$0] < frequency[$1] : featureKeys[$0] < featureKeys[$1]
        }
        var rank = [UInt32](repeating: 0, count: featureKeys.count)
        for (position, number) in byRank.enumerated() { rank[number] = UInt32(position) }
        let byValue = featureKeys.indices.sorted { featureKeys[$0] < featureKeys[$1] }
        var slot = [Int](repeating: 0, count: featureKeys.count)
        for (position, number) in byValue.enumerated() { slot[number] = position }

        // Forward lists: each entry's ranks ascending, entry after entry (each as long as its size).
        // Entries too repetitive for the features are not listed (they are compared directly).
        let repetitive = Set(direct)
        var forward = [UInt32](repeating: 0, count: entryFeatures.count)
        var start = 0
        var prefixes: [Int: Int] = [:]
        var postingStarts = [UInt32](repeating: 0, count: featureKeys.count + 1)
        for (id, item) in prepared.enumerated() {
            let range = start..<start + item.size
            for index in range { forward[index] = rank[Int(entryFeatures[index])] }
            forward[range].sort()
            if !repetitive.contains(UInt32(id)) {
                let listed = prefixes[item.size] ?? FuzzyIndex.listedPrefix(item.size, threshold: threshold)
                prefixes[item.size] = listed
                for index in range.prefix(listed) { postingStarts[slot[byRank[Int(forward[index])]] + 1] += 1 }
            }
            start = range.upperBound
        }
        entryFeatures = []
        for index in postingStarts.indices.dropFirst() { postingStarts[index] += postingStarts[index - 1] }
        // Lists by feature, each ascending, as entries are visited in number order.
        var fill = postingStarts.dropLast().map(Int.init)
        var postings = [UInt64](repeating: 0, count: Int(postingStarts.last ?? 0))
        start = 0
        for (id, item) in prepared.enumerated() {
            if !repetitive.contains(UInt32(id)) {
                for (position, index) in (start..<start + (prefixes[item.size] ?? 0)).enumerated() {
                    let list = slot[byRank[Int(forward[index])]]
                    postings[fill[list]] = UInt64(id) << 32 | UInt64(position)
                    fill[list] += 1
                }
            }
            start += item.size
        }

        let largest = prepared.last?.size ?? 0
        var sizeStarts = [UInt32](repeating: UInt32(prepared.count), count: largest + 2)
        for (id, item) in prepared.enumerated().reversed() { sizeStarts[item.size] = UInt32(id) }
        for size in stride(from: largest, through: 0, by: -1) {
            sizeStarts[size] = min(sizeStarts[size], sizeStarts[size + 1])
        }
        var forwardStarts = [UInt64](repeating: 0, count: largest + 1)
        for size in forwardStarts.indices.dropFirst() {
            forwardStarts[size] =
                forwardStarts[size - 1] + UInt64(size - 1) * UInt64(sizeStarts[size] - sizeStarts[size - 1])
        }

        let hashed: [(hash: UInt64, id: UInt32)] = prepared.enumerated().map {
            (ContentHash.fnv1a($1.key.utf8), UInt32($0))
        }
        .sorted { $0.hash < $1.hash }
        var data: [UInt8] = []
        var offsets: [UInt64] = [0]
        for item in prepared {
            if let entry = entries[item.key] { EntryCoding.encode(entry, into: &data) }
            offsets.append(UInt64(data.count))
        }
        var alphabetBytes: [UInt8] = []
        for character in alphabetList {
            let utf8 = Array(String(character).utf8)
            withUnsafeBytes(of: UInt32(utf8.count)) { alphabetBytes.append(contentsOf: $0) }
            alphabetBytes += utf8
        }

        var out = [UInt8](repeating: 0, count: headerSize)
        var table: [(Int, Int)] = []
        func append<T>(_ values: [T]) {
            while out.count % 8 != 0 { out.append(0) }
            table.append((out.count, values.count))
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        append(sizeStarts)
        append(byValue.map { featureKeys[$0] } as [UInt64])
        append(byValue.map { rank[$0] } as [UInt32])
        append(postingStarts)
        append(postings)
        append(forwardStarts)
        append(forward)
        append(hashed.map { $0.hash } as [UInt64])
        append(hashed.map { $0.id } as [UInt32])
        append(offsets)
        append(data)
        append(alphabetBytes)
        append(direct)
        func put(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { out.replaceSubrange(offset..<offset + 8, with: $0) }
        }
        put(magic, at: 0)
        put(UInt64(prepared.count), at: 8)
        put(threshold.bitPattern, at: 16)
        for (index, (offset, count)) in table.enumerated() {
            put(UInt64(offset), at: 24 + index * 16)
            put(UInt64(count), at: 32 + index * 16)
        }
        return out
    }
}
