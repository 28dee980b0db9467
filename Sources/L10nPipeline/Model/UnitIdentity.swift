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
            let base = prefix + String(ContentHash.digits(keyHash(of: unit.source)).prefix(8))
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            unit.id = count == 1 ? base : "\(base)-\(count)"
            return unit
        }
    }

    /// FNV-1a of ``key(of:)``, hashed part by part without joining the key.
    static func keyHash(of segment: Segment) -> UInt64 {
        var hash = ContentHash.fnv1aBasis
        keyParts(of: segment) { hash = ContentHash.fnv1a($0.utf8, from: hash) }
        return hash
    }

    /// A text form of a segment for hashing and comparison: text, with codes as numbered markers.
    static func key(of segment: Segment) -> String {
        var key = ""
        keyParts(of: segment) { key += $0 }
        return key
    }

    /// The parts ``key(of:)`` joins, in order: each text, and each code as its marker, its id and U+E001.
    private static func keyParts(of segment: Segment, _ part: (String) -> Void) {
        for piece in segment.pieces {
            let opening: String
            let id: String
            switch piece {
            case .text(let text):
                part(text)
                continue
            case .start(let code): (opening, id) = ("\u{E000}", code)
            case .end(let code): (opening, id) = ("\u{E002}", code)
            case .placeholder(let code): (opening, id) = ("\u{E003}", code)
            }
            part(opening)
            part(id)
            part("\u{E001}")
        }
    }
}
