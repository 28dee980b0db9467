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

    /// FNV-1a of ``key(of:)``, hashed piece by piece without joining the key.
    static func keyHash(of segment: Segment) -> UInt64 {
        var hash = ContentHash.fnv1aBasis
        // The markers' scalars in UTF-8: U+E000…U+E003 are EE 80 80…83.
        func add(marker last: UInt8) {
            for byte in [0xEE, 0x80, last] { hash = ContentHash.fnv1a(byte: byte, from: hash) }
        }
        for piece in segment.pieces {
            let marker: UInt8
            let id: String
            switch piece {
            case .text(let text):
                hash = ContentHash.fnv1a(text.utf8, from: hash)
                continue
            case .start(let code): (marker, id) = (0x80, code)
            case .end(let code): (marker, id) = (0x82, code)
            case .placeholder(let code): (marker, id) = (0x83, code)
            }
            add(marker: marker)
            hash = ContentHash.fnv1a(id.utf8, from: hash)
            add(marker: 0x81)
        }
        return hash
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
