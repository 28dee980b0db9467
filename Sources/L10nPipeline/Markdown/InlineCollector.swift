/// Turns the inline children of one Markdown block into a ``Segment``: text runs, codes for markup and
/// values, and the byte ranges that a build needs to put the block back together.
struct InlineCollector {
    let bytes: [UInt8]
    /// Where the Markdown body starts in the file (after a BOM and front matter).
    let bodyOffset: Int
    let lines: LineIndex

    private(set) var pieces: [Segment.Piece] = []
    private(set) var codes: [InlineCode] = []
    private(set) var valueRanges: [(range: Range<Int>, codeID: String)] = []
    private(set) var problems: [PositionedError] = []
    private var nextCodeNumber = 1

    init(bytes: [UInt8], bodyOffset: Int, lines: LineIndex) {
        self.bytes = bytes
        self.bodyOffset = bodyOffset
        self.lines = lines
    }

    /// The byte range of a block's inline content, from its first child to its last.
    func contentRange(of block: CmarkNode) -> Range<Int>? {
        let ranges = childRanges(block.children, inside: nil)
        guard let first = ranges.first?.map(\.lowerBound), let last = ranges.last?.map(\.upperBound), first <= last else {
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

    /// The bytes a node was written in, where cmark-gfm records them reliably.
    private func ownRange(_ node: CmarkNode) -> Range<Int>? {
        guard let start = node.start.flatMap(absolute), let end = node.end.flatMap(absolute) else { return nil }
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
        default:
            return start <= end ? start..<(end + 1) : nil
        }
    }

    /// Every child's byte range; a child without its own (a line break) spans the gap between its neighbours.
    private func childRanges(_ children: [CmarkNode], inside parent: Range<Int>?) -> [Range<Int>?] {
        var ranges = children.map(ownRange)
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

    private mutating func newCode(_ kind: InlineCode.Kind, opening: String, closing: String = "", value: Value? = nil) -> String {
        let id = String(nextCodeNumber)
        nextCodeNumber += 1
        codes.append(InlineCode(id: id, kind: kind, opening: opening, closing: closing, value: value))
        return id
    }

    private mutating func collect(children: [CmarkNode], inside parent: Range<Int>?) {
        let ranges = childRanges(children, inside: parent)
        for (node, range) in zip(children, ranges) {
            switch node.type {
            case "text":
                collectText(node, range: range)
            case "softbreak":
                pieces.append(.text(" "))
            case "linebreak":
                let original = range.map(text) ?? "  \n"
                pieces.append(.placeholder(newCode(.lineBreak, opening: original)))
            case "code":
                pieces.append(.placeholder(newCode(.code, opening: range.map(text) ?? "`\(node.literal)`")))
            case "html_inline":
                pieces.append(.placeholder(newCode(.html, opening: node.literal)))
            case "emph", "strong", "strikethrough", "link", "image":
                collectSpan(node, range: range)
            default:
                if let range {
                    pieces.append(.placeholder(newCode(.html, opening: text(range))))
                } else {
                    pieces.append(.text(node.literal))
                }
            }
        }
    }

    /// A span becomes a pair of codes around its content; an autolink or an empty span, one placeholder.
    private mutating func collectSpan(_ node: CmarkNode, range: Range<Int>?) {
        let kind: InlineCode.Kind = switch node.type {
        case "emph": .emphasis
        case "strong": .strong
        case "strikethrough": .strikethrough
        case "image": .image
        default: .link
        }
        let children = node.children
        let inner = childRanges(children, inside: nil)
        guard let range else {
            collect(children: children, inside: nil)
            return
        }
        guard let first = inner.first??.lowerBound, let last = inner.last??.upperBound,
              range.lowerBound < first, first <= last, last <= range.upperBound,
              !(kind == .link && bytes[range.lowerBound] == UInt8(ascii: "<"))
        else {
            pieces.append(.placeholder(newCode(kind == .link ? .autolink : kind, opening: text(range))))
            return
        }
        let id = newCode(kind, opening: text(range.lowerBound..<first), closing: text(last..<range.upperBound))
        pieces.append(.start(id))
        collect(children: children, inside: first..<last)
        pieces.append(.end(id))
    }

    /// A text node, with any values in it cut out as codes.
    private mutating func collectText(_ node: CmarkNode, range: Range<Int>?) {
        guard let range else {
            pieces.append(.text(node.literal))
            return
        }
        let raw = Array(bytes[range])
        let matches = ValueScanner.scan(raw)
        guard !matches.isEmpty else {
            pieces.append(.text(node.literal))
            return
        }
        var cursor = 0
        for match in matches {
            pieces.append(.text(Self.unescaped(raw[cursor..<match.range.lowerBound])))
            let absoluteRange = (range.lowerBound + match.range.lowerBound)..<(range.lowerBound + match.range.upperBound)
            switch match.result {
            case .success(let value):
                let id = newCode(.value, opening: value.raw, value: value)
                pieces.append(.placeholder(id))
                valueRanges.append((absoluteRange, id))
            case .failure(let problem):
                problems.append(PositionedError(offset: absoluteRange.lowerBound, message: problem.message))
                pieces.append(.text(String(decoding: raw[match.range], as: UTF8.self)))
            }
            cursor = match.range.upperBound
        }
        pieces.append(.text(Self.unescaped(raw[cursor...])))
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
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }
}
