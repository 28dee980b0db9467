/// A text's character bigrams, counted once, so that one text can be compared with many: Dice's coefficient
/// over the two multisets (case-insensitive), 0 for nothing shared, 1 for the same bigrams.
struct BigramProfile: Sendable {
    let text: String
    private let counts: [String: Int]
    private let total: Int

    /// Counts the bigrams of `text`, case-folded.
    init(_ text: String) {
        self.text = text
        let characters = Array(text.lowercased())
        var counts: [String: Int] = [:]
        for index in characters.indices.dropLast() { counts[String(characters[index...index + 1]), default: 0] += 1 }
        self.counts = counts
        total = max(0, characters.count - 1)
    }

    /// Dice's coefficient with another text's bigrams: twice the shared count over both totals.
    func similarity(to other: BigramProfile) -> Double {
        let total = self.total + other.total
        guard total > 0 else { return text == other.text ? 1 : 0 }
        let shared = counts.reduce(0) { $0 + min($1.value, other.counts[$1.key] ?? 0) }
        return Double(2 * shared) / Double(total)
    }
}
