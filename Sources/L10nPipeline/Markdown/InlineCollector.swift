/// Turns the inline children of one Markdown block into a ``Segment``: text runs, codes for markup and
/// values, and the byte ranges that a build needs to put the block back together.
struct InlineCollector {
    let bytes: [UInt8]
    /// Where the Markdown body starts in the file (after a BOM and front matter).
    let bodyOffset: Int
    let lines: LineIndex

    /// Where the block being read ends: no node of it lies at or beyond.
    private(set) var ceiling: Int

    private(set) var pieces: [Segment.Piece] = []
    /// Where each piece stands in the file, when known, and whether its text is written there as is.
    private(set) var pieceRanges: [(range: Range<Int>?, exact: Bool)] = []
    private(set) var codes: [InlineCode] = []
    private(set) var valueRanges: [(range: Range<Int>, codeID: String)] = []
    private(set) var problems: [PositionedError] = []
    /// The titles of inline links and images: the bytes between their delimiters and the text readers see.
    private(set) var titles: [(range: Range<Int>, text: String, kind: InlineCode.Kind)] = []
    private var nextCodeNumber = 1

    init(bytes: [UInt8], bodyOffset: Int, lines: LineIndex) {
        self.bytes = bytes
        self.bodyOffset = bodyOffset
        self.lines = lines
        self.ceiling = bytes.count
    }

    /// Limits the search for node positions to a block (its end as cmark-gfm reports it, to the line's end).
    mutating func limit(to block: CmarkNode) {
        guard let end = block.end.flatMap(absolute), end < bytes.count else { return }
        ceiling = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    }

    /// The byte range of a block's inline content, from its first child to its last.
    func contentRange(of block: CmarkNode) -> Range<Int>? {
        let ranges = childRanges(block.children, inside: nil, floor: block.start.flatMap(absolute))
        guard let first = ranges.first?.map(\.lowerBound), let last = ranges.last?.map(\.upperBound), first <= last
        else {
            return nil
        }
        return first..<last
    }

    mutating func collect(_ block: CmarkNode) {
        collect(children: block.children, inside: contentRange(of: block))
    }

    private func absolute(_ position: (line: Int, column: Int)) -> Int? {
        lines.offset(line: position.line, column: position.column).map { $0 + bodyOffset }
    }

    /// The bytes a node was written in, where cmark-gfm records them reliably; nothing before `floor`.
    /// Remembered per node and floor.
    private func ownRange(_ node: CmarkNode, floor: Int) -> Range<Int>? {
        let key = UnsafeRawPointer(node.pointer) + 0
        if let known = memo.floors[key], known.floor == floor { return known.range }
        let range = locate(node, floor: floor)
        memo.floors[key] = (floor, range)
        return range
    }

    private func locate(_ node: CmarkNode, floor: Int) -> Range<Int>? {
        // GitHub's autolink extension splits text nodes and leaves the autolinks and the rest without any
        // position: such a text (an autolink's, the address as written) is the first place after the previous node.
        if node.start == nil, floor >= bodyOffset,
            node.type == "text" || (node.type == "link" && node.children.count == 1)
        {
            let wanted = Array((node.type == "text" ? node : node.children[0]).literal.utf8)
            return wanted.isEmpty ? nil : bytes[floor..<max(floor, min(ceiling, floor + 4096))].firstRange(of: wanted)
        }
        // Spans are located from their content and the bytes around it, whatever cmark-gfm reports.
        switch node.type {
        case "link", "image": if let range = linkRange(node, floor: floor) { return range }
        case "emph", "strong", "strikethrough": if let range = delimitedRange(node, floor: floor) { return range }
        case "code": if let range = codeSpanRange(node.literal, floor: floor) { return range }
        case "html_inline":
            // Inline HTML is written as cmark-gfm gives it; its reported end drifts when it runs over lines.
            let wanted = Array(node.literal.utf8)
            if !wanted.isEmpty, floor >= bodyOffset,
                let found = bytes[floor..<max(floor, min(ceiling, floor + 4096))].firstRange(of: wanted)
            {
                return found
            }
        default: break
        }
        // An end past the file (a drifted lazy continuation line) is clamped: the text is still located below.
        guard let start = node.start.flatMap(absolute), let reportedEnd = node.end.flatMap(absolute),
            start >= bodyOffset, start < bytes.count
        else { return nil }
        let end = min(reportedEnd, bytes.count - 1)
        switch node.type {
        case "softbreak", "linebreak":
            return nil
        case "code":
            // cmark-gfm gives the span's content; widen it over the backtick fences.
            var lower = start
            var upper = end + 1
            while lower > 0, bytes[lower - 1] == UInt8(ascii: "`") { lower -= 1 }
            while upper < bytes.count, bytes[upper] == UInt8(ascii: "`") { upper += 1 }
            return lower < upper ? lower..<upper : nil
        case "text":
            // The autolink extension leaves an empty text node where it took the address out of one.
            if node.literal.isEmpty { return floor..<floor }
            // An end before the start (seen on fuzzed input) leaves the search to start at the start.
            return textRange(node.literal, reported: start...max(start, end), line: node.start?.line ?? 0, floor: floor)
        case "emph", "strong", "strikethrough":
            // The end drifts when the span runs over several lines: it ends where its delimiters close it.
            let inner = childRanges(node.children, inside: nil, floor: start)
            if let first = inner.first??.lowerBound, let last = inner.last??.upperBound, first > start,
                last + (first - start) <= bytes.count,
                bytes[last..<(last + first - start)].allSatisfy({
                    [UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~")].contains($0)
                })
            {
                return start..<(last + first - start)
            }
            return start <= end ? start..<(end + 1) : nil
        default:
            return start <= end ? start..<(end + 1) : nil
        }
    }

    /// Where a code span is written: the first backtick run after the previous node, to the next run of
    /// the same length, when what lies between is the span's content. cmark-gfm's positions of code spans
    /// drift on the continuation lines of list items and on lazy lines.
    private func codeSpanRange(_ literal: String, floor: Int) -> Range<Int>? {
        let backtick = UInt8(ascii: "`")
        let limit = min(ceiling, bytes.count)
        guard floor < limit, let open = bytes[floor..<limit].firstIndex(of: backtick) else { return nil }
        var contentStart = open
        while contentStart < limit, bytes[contentStart] == backtick { contentStart += 1 }
        let fence = contentStart - open
        var cursor = contentStart
        while cursor < limit, let close = bytes[cursor..<limit].firstIndex(of: backtick) {
            var end = close
            while end < limit, bytes[end] == backtick { end += 1 }
            if end - close == fence {
                // The content as cmark-gfm gives it: line endings as spaces (the next line's indentation, which
                // belongs to the paragraph, left out), one space stripped from each side.
                var content: [UInt8] = []
                var afterLineEnd = false
                for byte in bytes[contentStart..<close] where byte != UInt8(ascii: "\r") {
                    if byte == UInt8(ascii: "\n") {
                        content.append(UInt8(ascii: " "))
                        afterLineEnd = true
                    } else if !(afterLineEnd && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t"))) {
                        content.append(byte)
                        afterLineEnd = false
                    }
                }
                if content.count >= 2, content.first == UInt8(ascii: " "), content.last == UInt8(ascii: " "),
                    content.contains(where: { $0 != UInt8(ascii: " ") })
                {
                    content = Array(content.dropFirst().dropLast())
                }
                return content.elementsEqual(literal.utf8) ? open..<end : nil
            }
            cursor = end
        }
        return nil
    }

    /// Where an emphasis, strong or strikethrough span is written: its content with its own delimiters on
    /// either side. cmark-gfm gives `***two words***` (emphasis around strong) one range for both spans.
    private func delimitedRange(_ node: CmarkNode, floor: Int) -> Range<Int>? {
        let inner = childRanges(node.children, inside: nil, floor: floor)
        guard let first = inner.first??.lowerBound, let last = inner.last??.upperBound, first <= last, first > floor
        else { return nil }
        let delimiters: Set<UInt8> =
            node.type == "strikethrough"
            ? [UInt8(ascii: "~")]
            : [UInt8(ascii: "*"), UInt8(ascii: "_")]
        var width = node.type == "strong" ? 2 : 1
        if node.type == "strikethrough", first >= 2, bytes[first - 2] == UInt8(ascii: "~") { width = 2 }
        guard first - width >= floor, last + width <= bytes.count else { return nil }
        let opening = bytes[(first - width)..<first]
        let closing = bytes[last..<(last + width)]
        guard let delimiter = opening.first, delimiters.contains(delimiter), opening.allSatisfy({ $0 == delimiter }),
            closing.allSatisfy({ $0 == delimiter })
        else { return nil }
        return (first - width)..<(last + width)
    }

    /// Where a link or image is written, worked out from its text, which is located reliably. cmark-gfm
    /// reports the start of a link whose text runs over lines on the line where it ends, and shifts links in
    /// list items and block quotes by the container's prefix.
    private func linkRange(_ node: CmarkNode, floor: Int) -> Range<Int>? {
        let inner = childRanges(node.children, inside: nil, floor: floor)
        guard let first = inner.first??.lowerBound, let last = inner.last??.upperBound, first <= last, first > 0
        else { return nil }
        if node.type == "link" {
            // `<https://…>`: the text is the address as written, between the brackets.
            if bytes[first - 1] == UInt8(ascii: "<"), last < bytes.count, bytes[last] == UInt8(ascii: ">") {
                return (first - 1)..<(last + 1)
            }
            // GitHub's extended autolink (`www.…`, `https://…`, an e-mail address in running text): the text alone.
            if bytes[first - 1] != UInt8(ascii: "["), node.children.count == 1, node.children[0].type == "text" {
                return first..<last
            }
        }
        let opener = node.type == "image" ? Array("![".utf8) : [UInt8(ascii: "[")]
        guard first >= opener.count + floor, bytes[(first - opener.count)..<first].elementsEqual(opener),
            let tail = LinkTail(bytes, bracket: last)
        else { return nil }
        return (first - opener.count)..<tail.end
    }

    /// Where a text node's literal really is. cmark-gfm's positions drift for merged text nodes and for
    /// continuation lines of indented blocks, so the literal is looked for near the reported start; when it
    /// is not there as written (escapes, entities), the reported range is kept, cut at the line's end.
    /// A reported column past the end of its line (a container's prefix counted on a lazy line) spills into
    /// the next: the reported bytes are then not trusted, and the literal is looked for on the reported line.
    private func textRange(_ literal: String, reported: ClosedRange<Int>, line: Int, floor: Int) -> Range<Int>? {
        let wanted = Array(literal.utf8)
        // Trust the reported range when it holds the literal, escapes resolved.
        let spilled = lines.position(of: reported.lowerBound - bodyOffset).line != line
        if !spilled, reported.lowerBound >= floor, reported.upperBound < ceiling,
            Self.unescaped(bytes[reported.lowerBound...reported.upperBound]) == literal
        {
            return reported.lowerBound..<(reported.upperBound + 1)
        }
        // The search stays on the reported line: the drift is within a line, never across one.
        let lineStart = bodyOffset + (lines.offset(line: line, column: 1) ?? 0)
        let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        if !wanted.isEmpty {
            for distance in 0...12 {
                for lower in [reported.lowerBound + distance, reported.lowerBound - distance] {
                    guard lower >= max(lineStart, floor), lower + wanted.count <= lineEnd else { continue }
                    if bytes[lower..<(lower + wanted.count)].elementsEqual(wanted) {
                        // A backslash before the literal is the escape that made it text: it belongs to the node.
                        var start = lower
                        while start > max(reported.lowerBound, floor), bytes[start - 1] == UInt8(ascii: "\\") {
                            start -= 1
                        }
                        return start..<(lower + wanted.count)
                    }
                }
            }
        }
        // Entity or numeric references (`&#42;foo&#42;`): the literal is not written as such, and the reported
        // range, which holds it, is right.
        let writtenWithReferences =
            reported.upperBound < bytes.count && bytes[reported].contains(UInt8(ascii: "&"))
            && bytes[reported].contains(UInt8(ascii: ";"))
        // Not on its line (a paragraph that began with link reference definitions): the first place after
        // the previous node where the literal stands as written.
        if !wanted.isEmpty, floor >= bodyOffset, !writtenWithReferences {
            let window = bytes[floor..<max(floor, min(ceiling, floor + 4096))]
            if let found = window.firstRange(of: wanted) { return found }
        }
        var upper = reported.upperBound + 1
        if let newline = bytes[reported.lowerBound..<upper].firstIndex(of: UInt8(ascii: "\n")) { upper = newline }
        if wanted.last != UInt8(ascii: " ") {
            while upper > reported.lowerBound,
                bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t")
            { upper -= 1 }
        }
        return reported.lowerBound < upper && reported.lowerBound >= floor ? reported.lowerBound..<upper : nil
    }

    /// Ranges already worked out, by node: a span's children are asked for by its parent, by the span
    /// itself and by the collection, and locating text is the costly part.
    private final class RangeMemo {
        var floors: [UnsafeRawPointer: (floor: Int, range: Range<Int>?)] = [:]
    }
    private let memo = RangeMemo()

    /// Every child's byte range; a child without its own (a line break) spans the gap between its neighbours.
    private func childRanges(_ children: [CmarkNode], inside parent: Range<Int>?, floor: Int? = nil) -> [Range<Int>?] {
        var ranges: [Range<Int>?] = []
        var cursor = parent?.lowerBound ?? floor ?? bodyOffset
        for child in children {
            let range = ownRange(child, floor: cursor)
            if let range { cursor = range.upperBound }
            ranges.append(range)
        }
        for index in ranges.indices where ranges[index] == nil {
            let lower = index > 0 ? ranges[index - 1]?.upperBound : parent?.lowerBound
            let upper = index + 1 < ranges.count ? ranges[index + 1]?.lowerBound : parent?.upperBound
            if let lower, let upper, lower <= upper { ranges[index] = lower..<upper }
        }
        return ranges
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private mutating func add(_ piece: Segment.Piece, _ range: Range<Int>?, exact: Bool = false) {
        pieces.append(piece)
        pieceRanges.append((range, exact))
    }

    private mutating func newCode(_ kind: InlineCode.Kind, opening: String, closing: String = "", value: Value? = nil)
        -> String
    {
        let id = String(nextCodeNumber)
        nextCodeNumber += 1
        codes.append(InlineCode(id: id, kind: kind, opening: opening, closing: closing, value: value))
        return id
    }

    private mutating func collect(children: [CmarkNode], inside parent: Range<Int>?) {
        let ranges = childRanges(children, inside: parent)
        var skipUntil = 0
        for (index, (node, range)) in zip(children, ranges).enumerated() where index >= skipUntil {
            if node.type == "html_inline",
                let close = Self.closingLiteralElement(of: node, in: children[(index + 1)...]),
                let lower = range?.lowerBound, let upper = ranges[close]?.upperBound, lower <= upper
            {
                // `<code>Package.swift</code>`: what a literal element holds is code, not words to translate.
                add(.placeholder(newCode(.html, opening: text(lower..<upper))), lower..<upper)
                skipUntil = close + 1
                continue
            }
            switch node.type {
            case "text":
                collectText(node, range: range)
            case "softbreak":
                add(.text(" "), range)
            case "linebreak":
                let original = range.map(text) ?? "  \n"
                add(.placeholder(newCode(.lineBreak, opening: original)), range)
            case "code":
                add(.placeholder(newCode(.code, opening: range.map(text) ?? "`\(node.literal)`")), range)
            case "html_inline":
                add(.placeholder(newCode(.html, opening: node.literal)), range)
            case "emph", "strong", "strikethrough", "link", "image":
                collectSpan(node, range: range)
            default:
                if let range {
                    add(.placeholder(newCode(.html, opening: text(range))), range)
                } else {
                    add(.text(node.literal), nil)
                }
            }
        }
    }

    /// Inline HTML elements whose content is code or keyboard input, never prose.
    private static let literalElements = ["code", "kbd", "samp", "var", "tt"]

    /// For inline HTML opening a literal element (`<code>`), the index of the sibling that closes it.
    private static func closingLiteralElement(of node: CmarkNode, in siblings: ArraySlice<CmarkNode>) -> Int? {
        let tag = node.literal.lowercased()
        guard let name = literalElements.first(where: { tag == "<\($0)>" || tag.hasPrefix("<\($0) ") })
        else { return nil }
        return siblings.firstIndex { $0.type == "html_inline" && $0.literal.lowercased() == "</\(name)>" }
    }

    /// A span becomes a pair of codes around its content; an autolink or an empty span, one placeholder.
    private mutating func collectSpan(_ node: CmarkNode, range: Range<Int>?) {
        let kind: InlineCode.Kind =
            switch node.type {
            case "emph": .emphasis
            case "strong": .strong
            case "strikethrough": .strikethrough
            case "image": .image
            default: .link
            }
        let children = node.children
        let inner = childRanges(children, inside: nil, floor: range?.lowerBound)
        guard let range else {
            collect(children: children, inside: nil)
            return
        }
        guard let first = inner.first??.lowerBound, let last = inner.last??.upperBound,
            range.lowerBound < first, first <= last, last <= range.upperBound,
            !(kind == .link && bytes[range.lowerBound] == UInt8(ascii: "<"))
        else {
            add(.placeholder(newCode(kind == .link ? .autolink : kind, opening: text(range))), range)
            return
        }
        let opening = text(range.lowerBound..<first)
        var closing = text(last..<range.upperBound)
        let delimiters: Set<Character> = ["*", "_", "~"]
        if [.emphasis, .strong, .strikethrough].contains(kind), !closing.allSatisfy(delimiters.contains),
            opening.allSatisfy(delimiters.contains)
        {
            // The end position drifted (a span over several lines): an emphasis closes as it opens.
            closing = String(opening.reversed())
        }
        if (kind == .link || kind == .image) && (closing == "]" || closing == "][]") {
            // A shortcut or collapsed reference: its text is also its label, so a translated text must name the
            // label explicitly to keep the link.
            closing = "][" + text(first..<last) + "]"
        }
        if kind == .link || kind == .image, !node.title.isEmpty, let title = LinkTail(bytes, bracket: last)?.title,
            title.upperBound <= range.upperBound
        {
            titles.append((title, node.title, kind))
        }
        let id = newCode(kind, opening: opening, closing: closing)
        add(.start(id), range.lowerBound..<first)
        collect(children: children, inside: first..<last)
        add(.end(id), last..<range.upperBound)
    }

    /// A text node, with any values in it cut out as codes.
    private mutating func collectText(_ node: CmarkNode, range: Range<Int>?) {
        guard let range else {
            add(.text(node.literal), nil)
            return
        }
        let raw = Array(bytes[range])
        let matches = ValueScanner.scan(raw)
        guard !matches.isEmpty else {
            add(.text(node.literal), range, exact: raw.elementsEqual(node.literal.utf8))
            return
        }
        var cursor = 0
        func addText(_ slice: Range<Int>) {
            let text = Self.unescaped(raw[slice])
            add(
                .text(text), (range.lowerBound + slice.lowerBound)..<(range.lowerBound + slice.upperBound),
                exact: raw[slice].elementsEqual(text.utf8))
        }
        for match in matches {
            addText(cursor..<match.range.lowerBound)
            let absoluteRange =
                (range.lowerBound + match.range.lowerBound)..<(range.lowerBound + match.range.upperBound)
            switch match.result {
            case .success(let value):
                let id = newCode(.value, opening: value.raw, value: value)
                add(.placeholder(id), absoluteRange)
                valueRanges.append((absoluteRange, id))
            case .failure(let problem):
                problems.append(.value(problem, offset: absoluteRange.lowerBound))
                add(.text(String(decoding: raw[match.range], as: UTF8.self)), absoluteRange, exact: true)
            }
            cursor = match.range.upperBound
        }
        addText(cursor..<raw.count)
    }

    /// Raw Markdown text with backslash escapes of ASCII punctuation resolved (`\*` → `*`).
    static func unescaped(_ raw: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex, isASCIIPunctuation(raw[index + 1]) {
                result.append(raw[index + 1])
                index += 2
            } else {
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}
