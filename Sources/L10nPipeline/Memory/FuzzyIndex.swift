/// Finds every text at least a given Dice similarity (``BigramProfile``) to a query, and no other, without
/// comparing the query with each text: SimString's CPMerge (Okazaki and Tsujii, 2010).
///
/// Each text is a set of features, one per character bigram occurrence (the second "ab" is the feature
/// ("ab", 2)), so that the size of a set intersection is the multiset overlap Dice counts. Texts are numbered
/// by size (bigram count); each feature has an inverted list of the numbers of the texts that have it,
/// ascending, so the texts of one size range are one slice of every list; a list holding at least
/// 1/``bitmapShare`` of the texts is a bitmap over all text numbers instead (smaller, and probed with one bit
/// test). For a query of `x` bigrams and a threshold `t`, a text of `y` bigrams can match only when
/// `2·min(x, y) / (x + y) ≥ t`, and then only with an overlap of at least `τ(y)`: such a text misses at most
/// `x − τ` of the query's lists, so it is in one of any `x − τ + 1` of them; the rarest give the candidates, and
/// the other lists are only probed (binary search or bit test) for the candidates still able to reach `τ`.
struct FuzzyIndex {
    /// `sizeStarts[y]`: the number of the first text of `y` or more bigrams (one past the largest size: all).
    let sizeStarts: UnsafeBufferPointer<UInt32>
    /// Each text's size, by number.
    let sizes: UnsafeBufferPointer<UInt32>
    /// The features present, ascending; feature `f`'s list is `postings[postingStarts[f] ..< postingStarts[f + 1]]`.
    let features: UnsafeBufferPointer<UInt64>
    let postingStarts: UnsafeBufferPointer<UInt32>
    let postings: UnsafeBufferPointer<UInt32>
    /// `bitmapNumbers[f]`: the number of feature `f`'s bitmap, or ``notABitmap`` when its list is in `postings`
    /// (its range in `postings` is then empty). Bitmap `b` is `bitmaps[b·w ..< (b+1)·w]`, `w` words of 64 texts
    /// (text `i` is bit `i % 64` of word `i / 64`); `bitmapCounts[b]` is how many texts it holds.
    let bitmapNumbers: UnsafeBufferPointer<UInt32>
    let bitmapCounts: UnsafeBufferPointer<UInt32>
    let bitmaps: UnsafeBufferPointer<UInt64>
    let alphabet: Alphabet

    static let notABitmap = UInt32.max

    /// A list holding at least this share of the texts is stored as a bitmap. A bitmap takes `N/8` bytes, a list
    /// of ids 4 bytes a text, so from 1/32 on a bitmap is no larger; but counting a sparse bitmap costs a word
    /// and a mispredicted branch for each text or two. Measured with `ccl10n tm bench` (2, 3, 4, 6, 8, 16, 32 and
    /// 64): 32 made lookups 30 % slower, 4 and 6 no slower; 6 keeps a living project's one lookup within 1.5
    /// times the memory of a project without a memory, 4 just above it.
    static let bitmapShare = 6

    /// The words of one bitmap.
    var bitmapWords: Int { (sizes.count + 63) / 64 }

    /// One of the query's lists within the size range: a slice of `postings`, or the bitmap starting at word
    /// `bitmap` (the whole range, `texts` an estimate of how many it holds there).
    struct List {
        var slice: Range<Int>
        var bitmap: Int?
        var texts: Int
    }

    /// One match: the text's number, its bigram overlap with the query and its score.
    struct Match {
        var id: UInt32
        var score: Double
    }

    /// Numbers for characters: ASCII ones by their byte, the others by their place in a sorted list of the
    /// ones the texts use (a query's character outside it matches nothing). Characters compare as Swift does,
    /// canonically equivalent forms alike, as in ``BigramProfile``.
    struct Alphabet {
        let others: [Character: UInt32]

        init(_ others: [Character]) {
            self.others = Dictionary(
                others.enumerated().map { ($1, UInt32(128 + $0)) }, uniquingKeysWith: { first, _ in first })
        }

        func number(_ character: Character) -> UInt32? {
            if character.utf8.count == 1, let byte = character.utf8.first { return UInt32(byte) }
            return others[character]
        }
    }

    /// Occurrences of one bigram beyond this many are one feature: a text reaching it is compared directly.
    static let maximumOccurrence = 0xFFFF

    /// The numbers of a text's characters as the similarity sees them (case-folded); nil for a character
    /// outside the alphabet. ASCII text without a CR (which joins a following LF into one character) is
    /// numbered byte by byte, without breaking it into characters.
    static func numbers(_ text: String, alphabet: Alphabet) -> [UInt32?] {
        if isPlainASCII(text) {
            return text.utf8.map { byte in UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
        }
        return text.lowercased().map(alphabet.number)
    }

    /// Whether every character of `text` is one ASCII byte.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// The features of a text's character numbers, each bigram numbered by its occurrence, in no particular
    /// order; nil for a bigram with a character outside the alphabet. `saturated` tells whether an
    /// occurrence count passed ``maximumOccurrence``.
    static func features(_ numbers: [UInt32?]) -> (features: [UInt64?], saturated: Bool) {
        guard numbers.count > 1 else { return ([], false) }
        var bigrams: [UInt64] = []
        bigrams.reserveCapacity(numbers.count - 1)
        var unknown = 0
        for index in 0..<numbers.count - 1 {
            if let first = numbers[index], let second = numbers[index + 1] {
                bigrams.append(UInt64(first) << 24 | UInt64(second))
            } else {
                unknown += 1
            }
        }
        // Sorted, equal bigrams are neighbours: their occurrences are counted without a table.
        bigrams.sort()
        var features = [UInt64?](repeating: nil, count: unknown)
        features.reserveCapacity(numbers.count - 1)
        var occurrence = 0
        var saturated = false
        for (index, bigram) in bigrams.enumerated() {
            occurrence = index > 0 && bigrams[index - 1] == bigram ? occurrence + 1 : 1
            if occurrence > maximumOccurrence { saturated = true }
            features.append(bigram << 16 | UInt64(min(occurrence, maximumOccurrence)))
        }
        return (features, saturated)
    }

    /// The smallest overlap with which a query of `x` bigrams and a text of `y` reach `minimum`, computed as the
    /// score is (so no rounding can make the bounds disagree with it); nil when none can.
    static func overlapNeeded(_ x: Int, _ y: Int, minimum: Double) -> Int? {
        let total = x + y
        guard total > 0 else { return nil }
        func reaches(_ shared: Int) -> Bool { Double(2 * shared) / Double(total) >= minimum }
        var shared = max(0, Int((minimum * Double(total) / 2).rounded(.up)))
        while shared > 0, reaches(shared - 1) { shared -= 1 }
        while !reaches(shared) {
            shared += 1
            if shared > min(x, y) { return nil }
        }
        return shared <= min(x, y) ? shared : nil
    }

    /// Every text of one or more bigrams whose similarity to `query` is at least `minimum` (> 0), with its score
    /// (texts with a bigram more than ``maximumOccurrence`` times are undercounted: the caller compares them).
    /// Nil when the query itself is too repetitive for the features: the caller compares directly then.
    func search(_ query: [UInt32?], minimum: Double) -> [Match]? {
        let x = query.count - 1
        guard x > 0, sizeStarts.count > 1 else { return [] }
        let (found, saturated) = Self.features(query)
        guard !saturated else { return nil }
        let largest = sizeStarts.count - 2
        // The sizes that can match form one range: 2y/(x+y) rises up to y = x, 2x/(x+y) falls after.
        var low = max(1, Int(Double(x) * minimum / (2 - minimum)) - 1)
        while low <= largest, Self.overlapNeeded(x, low, minimum: minimum) == nil, low < x { low += 1 }
        var high = min(largest, Int((Double(x) * (2 - minimum) / minimum).rounded(.up)) + 1)
        while high >= low, Self.overlapNeeded(x, high, minimum: minimum) == nil { high -= 1 }
        guard low <= high, Self.overlapNeeded(x, low, minimum: minimum) != nil else { return [] }
        let needed = (low...high).map { Self.overlapNeeded(x, $0, minimum: minimum) ?? Int.max }
        let first = sizeStarts[low]
        let end = sizeStarts[high + 1]
        guard first < end else { return [] }

        // Each feature's list within the size range; missing features have empty slices. A bitmap's share of the
        // range is estimated from its total count (the order of the lists matters only to speed).
        let words = bitmapWords
        var lists: [List] = found.map { feature in
            guard let feature, let index = Self.lowerBound(features, feature, in: 0..<features.count),
                features[index] == feature
            else { return List(slice: 0..<0, bitmap: nil, texts: 0) }
            let number = bitmapNumbers[index]
            if number != Self.notABitmap, Int(number) < bitmapCounts.count {
                let texts = Int(bitmapCounts[Int(number)]) * Int(end - first) / max(1, sizes.count)
                return List(slice: 0..<0, bitmap: Int(number) * words, texts: texts)
            }
            let list = Int(postingStarts[index])..<Int(postingStarts[index + 1])
            let lower = Self.lowerBound(postings, first, in: list) ?? list.upperBound
            let upper = Self.lowerBound(postings, end, in: lower..<list.upperBound) ?? list.upperBound
            return List(slice: lower..<upper, bitmap: nil, texts: upper - lower)
        }
        lists.sort { $0.texts < $1.texts }
        // A text of `y` bigrams that matches is in one of the query's `x − τ(y) + 1` rarest lists (its
        // signature), fewer for larger texts as τ grows with `y`. Each size counts ``extraLists`` more (so that
        // its candidates need several shared lists, not one), and the largest count of it and the sizes above
        // (so that the counts fall with the size): list `k` is counted only for the ids below `boundaries[k]`,
        // a prefix of the range, and probed or counted afterwards for the candidates above it.
        var signatures = needed.map { $0 == Int.max ? 0 : min(x, x - $0 + 1 + Self.extraLists) }
        for index in signatures.indices.reversed().dropFirst() {
            signatures[index] = max(signatures[index], signatures[index + 1])
        }
        let widest = signatures.first ?? 0
        let boundaries = (0..<x).map { list in
            let size = signatures.partitioningIndex { $0 <= list }
            return size < signatures.count ? sizeStarts[low + size] : end
        }

        // Counts over the size range, two bytes per text.
        guard x < Int(UInt16.max) else { return nil }
        var counts = [UInt16](repeating: 0, count: Int(end - first))
        counts.withUnsafeMutableBufferPointer { counts in
            for (number, list) in lists[..<widest].enumerated() {
                let boundary = boundaries[number]
                if let bitmap = list.bitmap {
                    countBits(bitmap, from: first, to: boundary, first: first, into: counts)
                    continue
                }
                for position in list.slice {
                    let id = postings[position]
                    if id >= boundary { break }
                    counts[Int(id &- first)] &+= 1
                }
            }
        }
        // A candidate's overlap so far: its count, plus what the lists probed for it found.
        var candidates: [(id: UInt32, probed: Int32)] = []
        for size in low...high where signatures[size - low] > 0 {
            let need = needed[size - low] - (x - signatures[size - low])
            for id in sizeStarts[size]..<sizeStarts[size + 1] where Int(counts[Int(id - first)]) >= max(1, need) {
                candidates.append((id, 0))
            }
        }
        func shared(_ candidate: (id: UInt32, probed: Int32)) -> Int {
            Int(counts[Int(candidate.id - first)]) + Int(candidate.probed)
        }
        // Whether a candidate can still reach τ once lists up to `list` (excluded) are done for it.
        func reachable(_ candidate: (id: UInt32, probed: Int32), after list: Int) -> Bool {
            let size = Int(sizes[Int(candidate.id)]) - low
            return shared(candidate) + x - max(list, signatures[size]) >= needed[size]
        }
        // The other lists, rarest first, for the candidates above each list's boundary: a list much longer than
        // those candidates is probed for each of them (ascending, so each search starts where the last one
        // ended); a shorter one is counted in full, which costs less than searching it again and again.
        let narrowest = signatures.last ?? 0
        for (number, list) in zip(narrowest..., lists[narrowest...]) where !candidates.isEmpty {
            let boundary = boundaries[number]
            let from = candidates.partitioningIndex { $0.id >= boundary }
            guard from < candidates.count else { continue }
            let slice = list.slice
            if let bitmap = list.bitmap {
                for index in from..<candidates.count {
                    let id = Int(candidates[index].id)
                    candidates[index].probed += Int32(truncatingIfNeeded: bitmaps[bitmap + id >> 6] >> (id & 63) & 1)
                }
            } else if slice.count <= Self.countingRatio * (candidates.count - from) {
                counts.withUnsafeMutableBufferPointer { counts in
                    for position in slice.reversed() {
                        let id = postings[position]
                        if id < boundary { break }
                        counts[Int(id &- first)] &+= 1
                    }
                }
            } else {
                var lower = slice.lowerBound
                for index in from..<candidates.count {
                    guard lower < slice.upperBound,
                        let position = Self.gallop(postings, candidates[index].id, from: lower, to: slice.upperBound)
                    else { break }
                    if postings[position] == candidates[index].id { candidates[index].probed += 1 }
                    lower = position
                }
            }
            candidates.removeAll { !reachable($0, after: number + 1) }
        }
        candidates.removeAll { !reachable($0, after: x) }
        return candidates.map { candidate in
            Match(id: candidate.id, score: Double(2 * shared(candidate)) / Double(x + Int(sizes[Int(candidate.id)])))
        }
    }

    /// Adds one to the count of every text of `[start, end)` in the bitmap starting at word `bitmap`.
    private func countBits(
        _ bitmap: Int, from start: UInt32, to end: UInt32, first: UInt32,
        into counts: UnsafeMutableBufferPointer<UInt16>
    ) {
        guard start < end else { return }
        let last = Int(end - 1) >> 6
        var index = Int(start) >> 6
        var word = bitmaps[bitmap + index] & (UInt64.max << (start & 63))
        while true {
            if index == last, end & 63 != 0 { word &= (1 << (end & 63)) - 1 }
            let base = index << 6 - Int(first)
            while word != 0 {
                counts[base + word.trailingZeroBitCount] &+= 1
                word &= word - 1
            }
            index += 1
            guard index <= last else { return }
            word = bitmaps[bitmap + index]
        }
    }

    /// How many lists beyond its signature are counted for a size: with only the signature, nearly every text
    /// of a common-word corpus has one of the lists and is a candidate; each list more makes the candidates
    /// needing that many more shared lists (12 measured best of 2, 4, 6, 8, 9, 12, 16, 20, 26 and 40 with
    /// `ccl10n tm bench`).
    static let extraLists = 12

    /// How many times longer than the list of candidates a list may be and still be counted rather than probed
    /// (a count is one increment, a probe a search; 16 measured best of 0, 2, 4, 8, 16, 32 and 64 with
    /// `ccl10n tm bench`).
    static let countingRatio = 16

    /// `lowerBound` from `start`, looking 1, 2, 4, … places ahead first: cheap when the value is near.
    static func gallop(_ values: UnsafeBufferPointer<UInt32>, _ value: UInt32, from start: Int, to end: Int) -> Int? {
        var step = 1
        var low = start
        var high = start
        while high < end, values[high] < value {
            low = high + 1
            high = start + step
            step *= 2
        }
        return lowerBound(values, value, in: low..<min(high + 1, end))
    }

    /// The first position in `range` whose value is not below `value`; nil when there is none.
    static func lowerBound<T: Comparable>(_ values: UnsafeBufferPointer<T>, _ value: T, in range: Range<Int>) -> Int? {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound ? low : nil
    }
}
