/// Finds every text at least a given Dice similarity (``BigramProfile``) to a query, and no other, without
/// comparing the query with each text: SimString's CPMerge (Okazaki and Tsujii, 2010).
///
/// Each text is a set of features, one per character bigram occurrence (the second "ab" is the feature
/// ("ab", 2)), so that the size of a set intersection is the multiset overlap Dice counts. Texts are numbered
/// by size (bigram count); each feature has an inverted list of the numbers of the texts that have it,
/// ascending, so the texts of one size range are one slice of every list. For a query of `x` bigrams and a
/// threshold `t`, a text of `y` bigrams can match only when `2·min(x, y) / (x + y) ≥ t`, and then only with an
/// overlap of at least `τ(y)`: any such text is in one of the query's `x − τ + 1` rarest lists (they cannot
/// all miss it), so those lists give the candidates, and the other lists are only probed, by binary search,
/// for the candidates still able to reach `τ`.
/// Finds every text at least a given Dice similarity (``BigramProfile``) to a query, and no other, without
/// comparing the query with each text: prefix filtering (PPJoin, Xiao et al. 2008) over the length bounds of
/// SimString (Okazaki and Tsujii, 2010).
///
/// Each text is a set of features, one per character bigram occurrence (the second "ab" is the feature
/// ("ab", 2)), so that the size of a set intersection is the multiset overlap Dice counts. Features are ranked
/// rarest first, one order for all texts, and each text keeps its features in that order (its forward list).
/// For a threshold `t`, a query of `x` bigrams and a text of `y` can match only when `2·min(x, y) / (x + y) ≥ t`,
/// and then only with an overlap of at least `τ(x, y)`; two sets that share `τ` features share one among the
/// first `x − τ + 1` of the one and the first `y − τ + 1` of the other (the prefix principle). So a text is
/// listed only under the features of its prefix for the smallest `τ` any query can need at the threshold the
/// index is made for, and a query looks only its own prefix up. Texts are numbered by size, so the sizes that
/// can match are one slice of every list. A candidate is dropped as soon as what it shares so far, plus what
/// remains after the feature just found on either side, cannot reach `τ` (PPJoin's positional filter); the
/// others are verified by merging forward lists.
///
/// Lists and forward lists are read with ``MappedBytes/copy(_:at:count:)``, so that a lookup does not leave
/// the pages it read counted in the process's memory; the small tables are read in place.
struct FuzzyIndex {
    /// The least similarity the index finds every match for; below it ``search(_:minimum:)`` declines.
    let threshold: Double
    /// `sizeStarts[y]`: the number of the first text of `y` or more bigrams (one past the largest size: all).
    let sizeStarts: UnsafeBufferPointer<UInt32>
    /// The features present, ascending, with each one's rank (0: the rarest) and the start of its list of
    /// postings (`id << 32 | position in the text's forward list`, ascending); one more start ends the last.
    let features: UnsafeBufferPointer<UInt64>
    let ranks: UnsafeBufferPointer<UInt32>
    let postingStarts: UnsafeBufferPointer<UInt32>
    /// By size: where the forward lists of the texts of that size start (each text of `y` bigrams has `y` ranks).
    let forwardStarts: UnsafeBufferPointer<UInt64>
    /// The byte offsets of the postings (`UInt64`) and of the forward lists (`UInt32` ranks, ascending).
    let postings: Int
    let forward: Int
    let bytes: MappedBytes
    let alphabet: Alphabet

    /// One match: the text's number and its score.
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

    /// How many of its rarest features a text of `y` bigrams is listed under in an index made for `threshold`:
    /// `y − τ + 1` for the least overlap `τ` any query can need with it (that of the smallest query that can
    /// reach the threshold, as the overlap needed grows with the query's size).
    static func listedPrefix(_ y: Int, threshold: Double) -> Int {
        guard y > 0 else { return 0 }
        var x = max(1, Int(Double(y) * threshold / (2 - threshold)))
        while x > 1, overlapNeeded(x - 1, y, minimum: threshold) != nil { x -= 1 }
        while x <= y {
            if let least = overlapNeeded(x, y, minimum: threshold) { return y - least + 1 }
            x += 1
        }
        return y
    }

    /// Every text of one or more bigrams whose similarity to `query` is at least `minimum` (> 0), with its score
    /// (texts with a bigram more than ``maximumOccurrence`` times are not listed: the caller compares them).
    /// Nil when the index cannot answer (`minimum` below its threshold, or a query too repetitive for the
    /// features): the caller compares directly then.
    func search(_ query: [UInt32?], minimum: Double) -> [Match]? {
        let x = query.count - 1
        guard x > 0, sizeStarts.count > 1 else { return [] }
        guard minimum >= threshold else { return nil }
        let (found, saturated) = Self.features(query)
        guard !saturated else { return nil }
        let largest = sizeStarts.count - 2
        // The sizes that can match form one range: 2y/(x+y) rises up to y = x, 2x/(x+y) falls after.
        var low = max(1, Int(Double(x) * minimum / (2 - minimum)) - 1)
        while low > 1, Self.overlapNeeded(x, low - 1, minimum: minimum) != nil { low -= 1 }
        while low <= largest, Self.overlapNeeded(x, low, minimum: minimum) == nil, low < x { low += 1 }
        var high = min(largest, Int((Double(x) * (2 - minimum) / minimum).rounded(.up)) + 1)
        while high >= low, Self.overlapNeeded(x, high, minimum: minimum) == nil { high -= 1 }
        guard low <= high, Self.overlapNeeded(x, low, minimum: minimum) != nil else { return [] }
        // Grows with the size (the same overlap is a smaller share of a larger total).
        let needed = (low...high).map { Self.overlapNeeded(x, $0, minimum: minimum) ?? Int.max }
        let first = sizeStarts[low]
        guard first < sizeStarts[high + 1] else { return [] }

        // The query's features in rank order; those no text has are rarer than all and share nothing.
        var known: [(rank: UInt32, slot: Int)] = []
        for case let feature? in found {
            guard let slot = Self.lowerBound(features, feature, in: 0..<features.count), features[slot] == feature
            else { continue }
            known.append((ranks[slot], slot))
        }
        known.sort { $0.rank < $1.rank }
        let unknown = x - known.count

        // Per text of the size range: the features found shared so far (0: none yet), or `dropped`.
        let dropped = UInt32.max
        var counts = [UInt32](repeating: 0, count: Int(sizeStarts[high + 1] - first))
        var candidates: [(id: UInt32, size: Int)] = []
        var top = high
        for position in unknown..<x {
            // Texts of `y` bigrams share one of the query's first `x − τ(y) + 1` features: the larger ones
            // (needing more) drop out first.
            while top >= low, needed[top - low] > x - position { top -= 1 }
            guard top >= low else { break }
            let slot = known[position - unknown].slot
            let start = Int(postingStarts[slot])
            let list = bytes.copy(UInt64.self, at: postings + 8 * start, count: Int(postingStarts[slot + 1]) - start)
            let stop = UInt64(sizeStarts[top + 1]) << 32
            list.withUnsafeBufferPointer { list in
                guard var index = Self.lowerBound(list, UInt64(first) << 32, in: 0..<list.count) else { return }
                var size = low
                while index < list.count, list[index] < stop {
                    let id = UInt32(list[index] >> 32)
                    let at = Int(UInt32(truncatingIfNeeded: list[index]))
                    index += 1
                    while sizeStarts[size + 1] <= id { size += 1 }
                    let count = counts[Int(id - first)]
                    guard count != dropped else { continue }
                    // What is shared so far, this feature, and at most what follows it on both sides.
                    if Int(count) + 1 + min(x - position - 1, size - at - 1) >= needed[size - low] {
                        if count == 0 { candidates.append((id, size)) }
                        counts[Int(id - first)] = count + 1
                    } else {
                        counts[Int(id - first)] = dropped
                    }
                }
            }
        }

        let queryRanks = known.map(\.rank)
        return candidates.compactMap { id, size in
            guard counts[Int(id - first)] != dropped else { return nil }
            let need = needed[size - low]
            let offset = Int(forwardStarts[size]) + (Int(id) - Int(sizeStarts[size])) * size
            let ranks = bytes.copy(UInt32.self, at: forward + 4 * offset, count: size)
            var (mine, theirs, shared) = (0, 0, 0)
            while mine < queryRanks.count, theirs < ranks.count,
                shared + min(queryRanks.count - mine, ranks.count - theirs) >= need
            {
                if queryRanks[mine] == ranks[theirs] {
                    shared += 1
                    mine += 1
                    theirs += 1
                } else if queryRanks[mine] < ranks[theirs] {
                    mine += 1
                } else {
                    theirs += 1
                }
            }
            return shared >= need ? Match(id: id, score: Double(2 * shared) / Double(x + size)) : nil
        }
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
