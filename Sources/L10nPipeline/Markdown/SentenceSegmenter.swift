/// Cuts a block's content into sentences: ICU's sentence boundaries for the locale, minus those after an
/// abbreviation (ICU's own suppressions know almost none) and those inside a pair of codes. Whitespace
/// between sentences stays in the document, outside every unit.
struct SentenceSegmenter {
    /// A piece of content with where it stands in the file and whether its text is written there as is.
    struct Located {
        var piece: Segment.Piece
        var range: Range<Int>?
        var exact: Bool
    }

    /// Abbreviations after which a period does not end a sentence, lowercased.
    static let abbreviations: [String: Set<String>] = [
        "en": [
            "dr.", "mr.", "mrs.", "ms.", "prof.", "sr.", "jr.", "st.", "vs.", "etc.", "e.g.", "i.e.", "approx.", "inc.",
            "ltd.", "co.", "no.", "nos.", "fig.", "vol.", "cf.", "al.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
            "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "p.", "pp.", "ed.", "eds.", "dept.", "est.", "u.s.",
            "a.m.", "p.m.",
            "ph.d.", "m.d.", "mt.", "gen.", "gov.", "rev.", "ca.", "viz.", "resp.",
        ],
        "nl": [
            "dr.", "drs.", "mr.", "mevr.", "dhr.", "prof.", "ir.", "ing.", "bijv.", "bv.", "o.a.", "d.w.z.", "enz.",
            "m.b.t.",
            "t.a.v.", "i.p.v.", "n.a.v.", "m.n.", "z.g.a.n.", "nr.", "blz.", "jl.", "e.d.", "e.a.", "ca.", "resp.",
            "incl.",
            "excl.", "vs.", "a.s.", "d.d.", "t/m", "mw.", "zgn.", "evt.", "i.v.m.", "o.b.v.", "m.i.v.", "e.v.", "jhr.",
            "st.",
            "jan.", "feb.", "mrt.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "vgl.",
            "z.s.m.",
        ],
    ]

    let locale: LocaleTag

    /// The sentences of a block, or nil when the block is one sentence or cannot be cut safely.
    func split(_ pieces: [Located]) -> [[Located]]? {
        var units: [UInt16] = []
        var starts: [Int] = []
        starts.reserveCapacity(pieces.count)
        for located in pieces {
            starts.append(units.count)
            switch located.piece {
            case .text(let text): units += text.utf16
            case .placeholder: units.append(0xFFFC)
            case .start, .end: break
            }
        }
        // Each piece's length in `units`, counted once: a String's UTF-16 count walks it unless it is ASCII.
        let ends = pieces.indices.map { $0 + 1 < starts.count ? starts[$0 + 1] : units.count }
        let abbreviations = Self.abbreviations[String(locale.tag.prefix(2))] ?? []
        // How many pairs are open before each piece: a boundary inside a pair would split it between two units.
        var depthBefore: [Int] = []
        var depth = 0
        for located in pieces {
            depthBefore.append(depth)
            if case .start = located.piece { depth += 1 }
            if case .end = located.piece { depth -= 1 }
        }
        var cuts: [(piece: Int, offset: Int)] = []
        var searchFrom = 0
        for boundary in SentenceBreaker.boundaries(units, locale: locale) {
            // The piece the boundary falls in, or the first one it stands right before.
            guard
                let index = pieces.indices[searchFrom...].first(where: {
                    starts[$0] == boundary || boundary < ends[$0]
                })
            else { continue }
            searchFrom = index
            guard depthBefore[index] == 0 else { continue }
            let lastWord = Self.lastWord(units, before: boundary)
            if abbreviations.contains(lastWord)
                || (lastWord.first == "(" && abbreviations.contains(String(lastWord.drop { $0 == "(" })))
            {
                continue
            }
            // An initial: "J. Smith".
            if lastWord.count == 2, lastWord.first?.isLetter == true, lastWord.last == "." { continue }
            let offset = boundary - starts[index]
            let length = ends[index] - starts[index]
            if case .text = pieces[index].piece, offset > 0, offset < length, !pieces[index].exact { continue }
            cuts.append((index, offset))
        }
        guard !cuts.isEmpty else { return nil }

        var groups: [[Located]] = [[]]
        // The cuts come in the order of their pieces: each piece takes its own from the front.
        var nextCut = 0
        for (index, located) in pieces.enumerated() {
            var rest = located
            while nextCut < cuts.count, cuts[nextCut].piece == index {
                let cut = cuts[nextCut]
                nextCut += 1
                guard case .text(let text) = rest.piece else {
                    groups.append([])
                    continue
                }
                let consumed = text.utf16.count - (ends[index] - starts[index] - cut.offset)
                let (head, tail) = Self.cut(rest, at: consumed, text: text)
                if let head { groups[groups.count - 1].append(head) }
                groups.append([])
                guard let tail else {
                    rest = Located(piece: .text(""), range: nil, exact: true)
                    continue
                }
                rest = tail
            }
            if case .text(let text) = rest.piece, text.isEmpty { continue }
            groups[groups.count - 1].append(rest)
        }
        let trimmed = groups.map(Self.trim).filter { !$0.isEmpty }
        guard trimmed.count > 1, trimmed.allSatisfy({ $0.first?.range != nil && $0.last?.range != nil }) else {
            return nil
        }
        return trimmed
    }

    /// The word before a boundary, lowercased: the text back to the previous whitespace, trailing spaces skipped.
    static func lastWord(_ units: [UInt16], before boundary: Int) -> String {
        func isSpace(_ unit: UInt16) -> Bool {
            unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D || unit == 0xA0
        }
        var end = boundary
        while end > 0, isSpace(units[end - 1]) { end -= 1 }
        var start = end
        while start > 0, !isSpace(units[start - 1]) { start -= 1 }
        let word = units[start..<end]
        guard word.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: word, as: UTF16.self).lowercased()
        }
        // ASCII, nearly always: lowercased byte by byte without decoding UTF-16 into a string first.
        return String(unsafeUninitializedCapacity: word.count) { buffer in
            for (offset, unit) in word.enumerated() {
                let byte = UInt8(truncatingIfNeeded: unit)
                buffer[offset] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            }
            return word.count
        }
    }

    /// A text piece cut at a UTF-16 offset into what comes before and after.
    private static func cut(_ located: Located, at offset: Int, text: String) -> (Located?, Located?) {
        let index = String.Index(utf16Offset: offset, in: text)
        let head = String(text[..<index])
        let tail = String(text[index...])
        let split = located.range.map { $0.lowerBound + head.utf8.count }
        let headRange =
            located.exact
            ? located.range.map { $0.lowerBound..<(split ?? $0.lowerBound) } : (tail.isEmpty ? located.range : nil)
        let tailRange =
            located.exact
            ? located.range.map { (split ?? $0.lowerBound)..<$0.upperBound } : (head.isEmpty ? located.range : nil)
        return (
            head.isEmpty ? nil : Located(piece: .text(head), range: headRange, exact: located.exact),
            tail.isEmpty ? nil : Located(piece: .text(tail), range: tailRange, exact: located.exact)
        )
    }

    /// The text without the ASCII whitespace at one edge, when an ASCII character that is not whitespace (or
    /// nothing) borders it: then cutting bytes and cutting characters agree. Nil when only cutting characters
    /// can tell (a non-ASCII character there may be whitespace or combine with its neighbour).
    private static func asciiTrimmed(_ text: String, leading: Bool) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let utf8 = text.utf8
        if leading {
            guard let stop = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
            guard utf8[stop] < 0x80 else { return nil }
            return stop == utf8.startIndex ? text : String(text[stop...])
        }
        guard let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        guard utf8[last] < 0x80 else { return nil }
        return utf8.index(after: last) == utf8.endIndex ? text : String(text[...last])
    }

    /// A sentence without the whitespace at its edges, which stays in the document.
    private static func trim(_ group: [Located]) -> [Located] {
        var group = group
        while let first = group.first, case .text(let text) = first.piece {
            let kept = asciiTrimmed(text, leading: true) ?? String(text.drop(while: \.isWhitespace))
            if kept.isEmpty {
                group.removeFirst()
                continue
            }
            let dropped = text.utf8.count - kept.utf8.count
            group[0] = Located(
                piece: .text(kept),
                range: first.exact ? first.range.map { ($0.lowerBound + dropped)..<$0.upperBound } : first.range,
                exact: first.exact)
            break
        }
        while let last = group.last, case .text(let text) = last.piece {
            var kept = text
            if let trimmed = asciiTrimmed(text, leading: false) {
                kept = trimmed
            } else {
                while kept.last?.isWhitespace == true { kept.removeLast() }
            }
            if kept.isEmpty {
                group.removeLast()
                continue
            }
            let dropped = text.utf8.count - kept.utf8.count
            group[group.count - 1] = Located(
                piece: .text(kept),
                range: last.exact ? last.range.map { $0.lowerBound..<($0.upperBound - dropped) } : last.range,
                exact: last.exact)
            break
        }
        return group
    }
}
