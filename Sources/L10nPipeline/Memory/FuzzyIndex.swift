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
struct FuzzyIndex {
    /// `sizeStarts[y]`: the number of the first text of `y` or more bigrams (one past the largest size: all).
    let sizeStarts: UnsafeBufferPointer<UInt32>
    /// Each text's size, by number.
    let sizes: UnsafeBufferPointer<UInt32>
    /// The features present, ascending; feature `f`'s list is `postings[postingStarts[f] ..< postingStarts[f + 1]]`.
    let features: UnsafeBufferPointer<UInt64>
    let postingStarts: UnsafeBufferPointer<UInt32>
    let postings: UnsafeBufferPointer<UInt32>
    let alphabet: Alphabet

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
            self.others = Dictionary(others.enumerated().map { ($1, UInt32(128 + $0)) }, uniquingKeysWith: { first, _ in first })
        }

        func number(_ character: Character) -> UInt32? {
            if character.utf8.count == 1, let byte = character.utf8.first { return UInt32(byte) }
            return others[character]
        }
    }

    /// Occurrences of one bigram beyond this many are one feature: a text reaching it is compared directly.
    static let maximumOccurrence = 0xFFFF

    /// A text's characters as the similarity sees them (case-folded).
    static func characters(_ text: String) -> [Character] { Array(text.lowercased()) }

    /// The features of case-folded characters, in text order, each bigram numbered by its occurrence; nil
    /// for a bigram with a character outside the alphabet. `saturated` tells whether an occurrence count
    /// passed ``maximumOccurrence``.
    static func features(_ characters: [Character], alphabet: Alphabet) -> (features: [UInt64?], saturated: Bool) {
        guard characters.count > 1 else { return ([], false) }
        let numbers = characters.map(alphabet.number)
        var seen: [UInt64: Int] = [:]
        var saturated = false
        var features: [UInt64?] = []
        features.reserveCapacity(numbers.count - 1)
        for index in 0..<numbers.count - 1 {
            guard let first = numbers[index], let second = numbers[index + 1] else {
                features.append(nil)
                continue
            }
            let bigram = UInt64(first) << 24 | UInt64(second)
            let occurrence = (seen[bigram] ?? 0) + 1
            seen[bigram] = occurrence
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
        while !reaches(shared) { shared += 1; if shared > min(x, y) { return nil } }
        return shared <= min(x, y) ? shared : nil
    }

    /// Every text of one or more bigrams whose similarity to `query` is at least `minimum` (> 0), with its score
    /// (texts with a bigram more than ``maximumOccurrence`` times are undercounted: the caller compares them).
    /// Nil when the query itself is too repetitive for the features: the caller compares directly then.
    func search(_ query: [Character], minimum: Double) -> [Match]? {
        let x = query.count - 1
        guard x > 0, sizeStarts.count > 1 else { return [] }
        let (found, saturated) = Self.features(query, alphabet: alphabet)
        guard !saturated else { return nil }
        let largest = sizeStarts.count - 2
        // The sizes that can match form one range: 2y/(x+y) rises up to y = x, 2x/(x+y) falls after.
        var low = max(1, Int(Double(x) * minimum / (2 - minimum)) - 1)
        while low <= largest, Self.overlapNeeded(x, low, minimum: minimum) == nil, low < x { low += 1 }
        var high = min(largest, Int((Double(x) * (2 - minimum) / minimum).rounded(.up)) + 1)
        while high >= low, Self.overlapNeeded(x, high, minimum: minimum) == nil { high -= 1 }
        guard low <= high, Self.overlapNeeded(x, low, minimum: minimum) != nil else { return [] }
        let needed = (low...high).map { Self.overlapNeeded(x, $0, minimum: minimum) ?? Int.max }
        let first = sizeStarts[low], end = sizeStarts[high + 1]
        guard first < end else { return [] }

        // Each feature's slice of its list within the size range; missing features have empty slices.
        var slices: [Range<Int>] = found.map { feature in
            guard let feature, let index = Self.lowerBound(features, feature, in: 0..<features.count),
                  features[index] == feature else { return 0..<0 }
            let list = Int(postingStarts[index])..<Int(postingStarts[index + 1])
            let lower = Self.lowerBound(postings, first, in: list) ?? list.upperBound
            let upper = Self.lowerBound(postings, end, in: lower..<list.upperBound) ?? list.upperBound
            return lower..<upper
        }
        slices.sort { $0.count < $1.count }
        let least = needed.min() ?? x
        let signature = x - least + 1

        // Candidates: every text in one of the rarest lists, with how many of them it is in.
        var candidates: [(id: UInt32, count: Int32)] = []
        for slice in slices[..<signature] where !slice.isEmpty {
            var merged: [(id: UInt32, count: Int32)] = []
            merged.reserveCapacity(candidates.count + slice.count)
            var index = 0
            for position in slice {
                let id = postings[position]
                while index < candidates.count, candidates[index].id < id {
                    merged.append(candidates[index])
                    index += 1
                }
                if index < candidates.count, candidates[index].id == id {
                    merged.append((id, candidates[index].count + 1))
                    index += 1
                } else {
                    merged.append((id, 1))
                }
            }
            merged.append(contentsOf: candidates[index...])
            candidates = merged
        }
        func reachable(_ candidate: (id: UInt32, count: Int32), remaining: Int) -> Bool {
            Int(candidate.count) + remaining >= needed[Int(sizes[Int(candidate.id)]) - low]
        }
        candidates.removeAll { !reachable($0, remaining: x - signature) }
        // The other lists, probed for each candidate still in the running.
        for (step, slice) in slices[signature...].enumerated() where !candidates.isEmpty {
            var lower = slice.lowerBound
            for index in candidates.indices {
                guard lower < slice.upperBound,
                      let position = Self.lowerBound(postings, candidates[index].id, in: lower..<slice.upperBound) else { break }
                if postings[position] == candidates[index].id { candidates[index].count += 1 }
                lower = position
            }
            candidates.removeAll { !reachable($0, remaining: x - signature - step - 1) }
        }
        return candidates.map { candidate in
            Match(id: candidate.id, score: Double(2 * Int(candidate.count)) / Double(x + Int(sizes[Int(candidate.id)])))
        }
    }

    /// The first position in `range` whose value is not below `value`; nil when there is none.
    static func lowerBound<T: Comparable>(_ values: UnsafeBufferPointer<T>, _ value: T, in range: Range<Int>) -> Int? {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound ? low : nil
    }
}
