/// Gives units ids that depend on their content, not their position, so inserting, moving or deleting a
/// paragraph elsewhere leaves every other id as it was.
enum UnitIdentity {
    /// Assigns `h-`/`p-`/`t-` (heading, paragraph or sentence, table cell) + 8 hex digits of the content hash to body units (a repeat gets `-2`, `-3`, …);
    /// front-matter units keep their `fm.<key>` ids.
    static func assignIDs(_ units: [TranslationUnit]) -> [TranslationUnit] {
        var seen: [String: Int] = [:]
        return units.map { unit in
            var unit = unit
            guard unit.id.isEmpty else { return unit }
            let prefix =
                switch unit.kind {
                case .heading: "h-"
                case .tableCell: "t-"
                default: "p-"
                }
            let base = prefix + String(ContentHash.hex(key(of: unit.source).utf8).prefix(8))
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            unit.id = count == 1 ? base : "\(base)-\(count)"
            return unit
        }
    }

    /// A text form of a segment for hashing and comparison: text, with codes as numbered markers.
    static func key(of segment: Segment) -> String {
        segment.pieces.map {
            switch $0 {
            case .text(let text): text
            case .start(let id): "\u{E000}\(id)\u{E001}"
            case .end(let id): "\u{E002}\(id)\u{E001}"
            case .placeholder(let id): "\u{E003}\(id)\u{E001}"
            }
        }.joined()
    }
}
