/// A translation memory in a compact, read-only form for lookups: exact matches through a table of key hashes,
/// fuzzy ones through a ``FuzzyIndex``, entries decoded only when found. It is one block of bytes, read in
/// place: from a file mapped into memory (``StoredMemory``), only the pages a lookup touches are read.
///
/// Layout (native byte order, every section 8-aligned): a header (magic, entry count, then each section's
/// offset and count), then the sections: the fuzzy index's size starts, sizes, features, list starts, lists,
/// bitmap numbers, bitmap counts and bitmaps; the entries' key hashes (ascending) and their numbers; the entries' offsets and bytes
/// (``EntryCoding``); the alphabet; the numbers of entries too repetitive for the fuzzy index.
struct MemoryIndex: Sendable {
    private let bytes: MappedBytes
    let count: Int
    private let section: [(offset: Int, count: Int)]
    /// The fuzzy index's non-ASCII characters, decoded once.
    private let alphabet: FuzzyIndex.Alphabet

    /// "tmindex2": the layout with bitmaps ("tmindex1", without them, is not read, so it is rebuilt).
    static let magic: UInt64 = 0x3278_6564_6e69_6d74
    private static let sectionCount = 14
    private static let headerSize = 16 + sectionCount * 16

    private enum Section: Int {
        case sizeStarts, sizes, features, postingStarts, postings, bitmapNumbers, bitmapCounts, bitmaps, keyHashes,
            keyIDs, entryOffsets, entryData, alphabet,
            direct
    }

    /// The index of bytes made by ``build(_:)``; nil when they are not such an index (another version, torn).
    init?(_ bytes: MappedBytes) {
        guard bytes.count >= Self.headerSize, bytes.word(at: 0) == Self.magic else { return nil }
        self.bytes = bytes
        count = Int(bytes.word(at: 8))
        section = (0..<Self.sectionCount).map { (Int(bytes.word(at: 16 + $0 * 16)), Int(bytes.word(at: 24 + $0 * 16))) }
        let widths = [4, 4, 8, 4, 4, 4, 4, 8, 8, 4, 8, 1, 1, 4]
        for (index, part) in section.enumerated()
        where part.offset % 8 != 0 || part.offset + part.count * widths[index] > bytes.count {
            return nil
        }
        guard section[Section.sizes.rawValue].count == count, section[Section.keyHashes.rawValue].count == count,
            section[Section.entryOffsets.rawValue].count == count + 1,
            section[Section.bitmapNumbers.rawValue].count == section[Section.features.rawValue].count,
            section[Section.bitmaps.rawValue].count == section[Section.bitmapCounts.rawValue].count
                * ((count + 63) / 64)
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
            let repetitive = values(.direct, UInt32.self)
            matches =
                found.filter { !repetitive.contains($0.id) }
                + direct(text, ids: repetitive).filter { $0.score >= minimum }
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

    /// How many of the fuzzy index's lists are bitmaps, of how many.
    var listKinds: (bitmaps: Int, lists: Int) { (self[.bitmapCounts].count, self[.features].count) }

    /// The entry numbered `id`, decoded.
    func entry(_ id: Int) -> TranslationMemory.Entry {
        var reader = reader(id)
        return reader.entry()
    }

    private func reader(_ id: Int) -> EntryCoding.Reader {
        let offsets = values(.entryOffsets, UInt64.self)
        let data = self[.entryData]
        let start = min(Int(offsets[id]), data.count)
        let end = min(max(Int(offsets[id + 1]), start), data.count)
        return EntryCoding.Reader(bytes: bytes, offset: data.offset + start, end: data.offset + end)
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
            sizeStarts: values(.sizeStarts, UInt32.self), sizes: values(.sizes, UInt32.self),
            features: values(.features, UInt64.self), postingStarts: values(.postingStarts, UInt32.self),
            postings: values(.postings, UInt32.self), bitmapNumbers: values(.bitmapNumbers, UInt32.self),
            bitmapCounts: values(.bitmapCounts, UInt32.self), bitmaps: values(.bitmaps, UInt64.self),
            alphabet: alphabet)
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
    /// The compact form of `entries` (keyed by ``UnitIdentity/key(of:)``), in a block ``init(_:)`` reads; lists
    /// holding at least 1/`bitmapShare` of the entries are bitmaps.
    static func build(
        _ entries: [String: TranslationMemory.Entry], bitmapShare: Int = FuzzyIndex.bitmapShare
    ) -> [UInt8] {
        // Entries numbered by size, then key: every size's entries are one range of numbers.
        let pairs = Array(entries)
        let keys = pairs.map(\.key)
        var others = Set<Character>()
        for (_, entry) in pairs {
            let text = entry.source.plainText
            if !FuzzyIndex.isPlainASCII(text) {
                for character in text.lowercased() where character.utf8.count > 1 { others.insert(character) }
            }
        }
        let alphabetList = others.sorted()
        let alphabet = FuzzyIndex.Alphabet(alphabetList)
        let unordered = pairs.map { FuzzyIndex.numbers($0.value.source.plainText, alphabet: alphabet) }
        // Entries numbered by size, then key: every size's entries are one range of numbers.
        let order = keys.indices.sorted {
            unordered[$0].count != unordered[$1].count ? unordered[$0].count < unordered[$1].count : keys[$0] < keys[$1]
        }
        let prepared = order.map {
            (key: keys[$0], entry: pairs[$0].value, numbers: unordered[$0], size: max(0, unordered[$0].count - 1))
        }

        // Every entry's features, as numbers of distinct features in first-seen order.
        var featureNumber: [UInt64: UInt32] = [:]
        var featureKeys: [UInt64] = []
        var entryFeatures: [UInt32] = []
        var entryStarts: [Int] = [0]
        var direct: [UInt32] = []
        for (id, item) in prepared.enumerated() {
            let (features, saturated) = FuzzyIndex.features(item.numbers)
            if saturated { direct.append(UInt32(id)) }
            for case let feature? in features {
                if let number = featureNumber[feature] {
                    entryFeatures.append(number)
                } else {
                    let number = UInt32(featureKeys.count)
                    featureNumber[feature] = number
                    featureKeys.append(feature)
                    entryFeatures.append(number)
                }
            }
            entryStarts.append(entryFeatures.count)
        }
        featureNumber = [:]
        let featureOrder = featureKeys.indices.sorted { featureKeys[$0] < featureKeys[$1] }
        var rank = [Int](repeating: 0, count: featureKeys.count)
        for (position, number) in featureOrder.enumerated() { rank[number] = position }
        // Lists in ascending feature order; each list ascending, as entries are visited in number order. The
        // lists of a bitmap's share or more are bitmaps, empty among the others.
        var listCounts = [Int](repeating: 0, count: featureKeys.count)
        for number in entryFeatures { listCounts[rank[Int(number)]] += 1 }
        var bitmapNumbers = [UInt32](repeating: FuzzyIndex.notABitmap, count: featureKeys.count)
        var bitmapCounts: [UInt32] = []
        var postingStarts = [UInt32](repeating: 0, count: featureKeys.count + 1)
        for (position, count) in listCounts.enumerated() {
            if count * bitmapShare >= prepared.count {
                bitmapNumbers[position] = UInt32(bitmapCounts.count)
                bitmapCounts.append(UInt32(count))
            }
            postingStarts[position + 1] =
                postingStarts[position] + (bitmapNumbers[position] == FuzzyIndex.notABitmap ? UInt32(count) : 0)
        }
        let words = (prepared.count + 63) / 64
        var bitmaps = [UInt64](repeating: 0, count: bitmapCounts.count * words)
        var fill = postingStarts.dropLast().map(Int.init)
        var postings = [UInt32](repeating: 0, count: Int(postingStarts.last ?? 0))
        for id in prepared.indices {
            for number in entryFeatures[entryStarts[id]..<entryStarts[id + 1]] {
                let position = rank[Int(number)]
                let bitmap = bitmapNumbers[position]
                if bitmap != FuzzyIndex.notABitmap {
                    bitmaps[Int(bitmap) * words + id >> 6] |= 1 << (id & 63)
                } else {
                    postings[fill[position]] = UInt32(id)
                    fill[position] += 1
                }
            }
        }
        entryFeatures = []

        let largest = prepared.last?.size ?? 0
        var sizeStarts = [UInt32](repeating: UInt32(prepared.count), count: largest + 2)
        for (id, item) in prepared.enumerated().reversed() { sizeStarts[item.size] = UInt32(id) }
        for size in stride(from: largest, through: 0, by: -1) {
            sizeStarts[size] = min(sizeStarts[size], sizeStarts[size + 1])
        }

        let hashed: [(hash: UInt64, id: UInt32)] = prepared.enumerated().map {
            (ContentHash.fnv1a($1.key.utf8), UInt32($0))
        }
        .sorted { $0.hash < $1.hash }
        var data: [UInt8] = []
        var offsets: [UInt64] = [0]
        for item in prepared {
            EntryCoding.encode(item.entry, into: &data)
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
        append(prepared.map { UInt32($0.size) } as [UInt32])
        append(featureOrder.map { featureKeys[$0] } as [UInt64])
        append(postingStarts)
        append(postings)
        append(bitmapNumbers)
        append(bitmapCounts)
        append(bitmaps)
        append(hashed.map { $0.hash } as [UInt64])
        append(hashed.map { $0.id } as [UInt32])
        append(offsets)
        append(data)
        append(alphabetBytes)
        append(direct)
        func put(_ value: Int, at offset: Int) {
            withUnsafeBytes(of: UInt64(value).littleEndian) { out.replaceSubrange(offset..<offset + 8, with: $0) }
        }
        put(Int(magic), at: 0)
        put(prepared.count, at: 8)
        for (index, (offset, count)) in table.enumerated() {
            put(offset, at: 16 + index * 16)
            put(count, at: 24 + index * 16)
        }
        return out
    }
}
