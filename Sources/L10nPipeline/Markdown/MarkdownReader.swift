/// Reads a Markdown file with YAML front matter into a ``SourceDocument``.
///
/// Translatable: the configured front-matter keys, headings, table cells, paragraphs wherever they stand
/// (list items, block quotes, footnotes), and the titles of inline links and images (a unit inside its
/// paragraph's). Everything else (code blocks, HTML blocks, link destinations, titles in link reference
/// definitions) stays in the skeleton byte for byte.
public struct MarkdownReader: Sendable {
    /// How paragraphs are cut into units.
    public enum Segmentation: String, Sendable {
        /// One unit per sentence (ICU's sentence boundaries, corrected with abbreviation lists).
        case sentence
        /// One unit per paragraph, heading or list item.
        case paragraph
    }

    public var frontMatterKeys: [String]
    public var segmentation: Segmentation

    public init(frontMatterKeys: [String], segmentation: Segmentation = .sentence) {
        self.frontMatterKeys = frontMatterKeys
        self.segmentation = segmentation
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil when all of it is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The document, or every problem found in it (values that do not parse, broken front matter).
    public func read(_ bytes: [UInt8], path: String, locale: LocaleTag) throws(DiagnosticError) -> SourceDocument {
        let lineIndex = LineIndex(bytes)
        func diagnostic(_ problem: PositionedError) -> Diagnostic {
            let position = lineIndex.position(of: problem.offset)
            return Diagnostic(.error, path: path, line: position.line, column: position.column, problem.message)
        }
        if let offset = Self.firstInvalidUTF8(bytes) {
            throw DiagnosticError(diagnostic(.invalidUTF8(offset: offset)))
        }
        // CommonMark ends a line at a lone CR too, but every position ccl10n maps between cmark-gfm and the
        // file counts LF-ended lines: such a file is refused rather than built wrong.
        let loneCR = bytes.indices.first { bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A) }
        if let loneCR {
            throw DiagnosticError(diagnostic(.loneCarriageReturn(offset: loneCR)))
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let frontMatter: FrontMatter?
        do throws(PositionedError) {
            frontMatter = try FrontMatter.find(in: bytes, at: start)
        } catch {
            throw DiagnosticError(diagnostic(error))
        }
        var units: [TranslationUnit] = []
        var problems: [PositionedError] = []
        if let frontMatter {
            for key in frontMatterKeys {
                guard let scalar = frontMatter.scalar(at: key) else { continue }
                let base = frontMatter.range.lowerBound
                let range = (base + scalar.range.lowerBound)..<(base + scalar.range.upperBound)
                let (segment, codes, valueProblems) = Self.segment(ofPlainText: scalar.value)
                problems += valueProblems.map { .value($0, offset: range.lowerBound) }
                units.append(
                    TranslationUnit(
                        id: "fm." + key, kind: .frontMatter(key: key), source: segment, codes: codes,
                        context: "front matter: \(key)", range: range, valueRanges: [],
                        line: lineIndex.position(of: range.lowerBound).line, formatData: scalar.style,
                        isTranslatable: segment.hasText))
            }
        }
        let bodyOffset = frontMatter?.bodyOffset ?? start
        let tree = CmarkTree(bytes[bodyOffset...])
        let bodyLines = LineIndex(bytes[bodyOffset...])
        if let deep = tree.firstNode(deeperThan: InputLimits.maximumNesting) {
            let offset = deep.start.flatMap { bodyLines.offset(line: $0.line, column: $0.column) }
                .map { $0 + bodyOffset }
            throw DiagnosticError(diagnostic(.nestedTooDeep(offset: offset ?? bodyOffset)))
        }
        var walker = BlockWalker(
            bytes: bytes, bodyOffset: bodyOffset, lines: bodyLines, fileLines: lineIndex,
            segmenter: segmentation == .sentence ? SentenceSegmenter(locale: locale) : nil)
        walker.walk(tree.document)
        units += walker.units
        problems += walker.problems
        problems += units.compactMap { unit in
            unit.sourceLength > InputLimits.maximumUnitLength
                ? .unitTooLong(offset: unit.range.lowerBound, length: unit.sourceLength) : nil
        }
        guard problems.isEmpty else { throw DiagnosticError(problems.map(diagnostic)) }
        // Units never overlap; should cmark-gfm's positions ever make two do so, the later one stays in the
        // skeleton as it was written rather than garble the page.
        var end = 0
        var kept: [Range<Int>] = []
        units = units.filter { unit in
            // A link's title stands inside its paragraph's unit, which puts it in at build.
            if case .attribute = unit.kind {
                let holder = kept.last { $0.lowerBound <= unit.range.lowerBound }
                return holder.map { $0.upperBound >= unit.range.upperBound } ?? false
            }
            guard unit.range.lowerBound >= end else { return false }
            kept.append(unit.range)
            end = unit.range.upperBound
            return true
        }
        var document = SourceDocument(
            format: MarkdownFormat.self, path: path, locale: locale, bytes: bytes,
            units: UnitIdentity.assignIDs(units))
        let bodyLine = lineIndex.position(of: bodyOffset).line - 1
        document.warnings = walker.unlocated.map {
            Diagnostic(
                .warning, path: path, line: $0 + bodyLine, column: 0,
                "ccl10n could not locate this block's text in the file; it stays untranslated")
        }
        if let frontMatter { document.formatData = Self.dateCompanions(frontMatter, bytes: bytes) }
        return document
    }

    /// A front-matter date that gets a localized companion in the bundle: after the line that ends at `offset`,
    /// build writes `<key>_localized: "<the date, long style>"`.
    typealias DateCompanion = (offset: Int, key: String, date: CalendarDate)

    /// The top-level front-matter keys whose value is a plain ISO date, with where their line ends; a key
    /// that already has a `_localized` companion in the source is left alone.
    static func dateCompanions(_ frontMatter: FrontMatter, bytes: [UInt8]) -> [DateCompanion] {
        guard case .mapping(let pairs, _)? = frontMatter.root else { return [] }
        let keys = Set(pairs.map(\.key.value))
        return pairs.compactMap { key, value in
            guard case .scalar(let scalar) = value, scalar.style == .plain, !keys.contains(key.value + "_localized"),
                let date = try? ValueChecker.parseDate(scalar.value, raw: scalar.value, allowTime: false)
            else { return nil }
            let end = frontMatter.range.lowerBound + scalar.range.upperBound
            let lineEnd = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let trimmed = bytes[end..<lineEnd].last == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
            return (trimmed, key.value, date)
        }
    }

    /// A front-matter string as a segment: plain text with its values as codes.
    static func segment(ofPlainText text: String) -> (Segment, [InlineCode], [ValueError]) {
        let raw = Array(text.utf8)
        var pieces: [Segment.Piece] = []
        var codes: [InlineCode] = []
        var problems: [ValueError] = []
        var cursor = 0
        for match in ValueScanner.scan(raw) {
            pieces.append(.text(String(decoding: raw[cursor..<match.range.lowerBound], as: UTF8.self)))
            switch match.result {
            case .success(let value):
                let id = String(codes.count + 1)
                codes.append(InlineCode(id: id, kind: .value, opening: value.raw, closing: "", value: value))
                pieces.append(.placeholder(id))
            case .failure(let problem):
                problems.append(problem)
                pieces.append(.text(String(decoding: raw[match.range], as: UTF8.self)))
            }
            cursor = match.range.upperBound
        }
        pieces.append(.text(String(decoding: raw[cursor...], as: UTF8.self)))
        return (Segment(pieces), codes, problems)
    }
}

/// Walks cmark-gfm's block tree and makes a unit of every heading and paragraph.
private struct BlockWalker {
    let bytes: [UInt8]
    let bodyOffset: Int
    let lines: LineIndex
    let fileLines: LineIndex
    let segmenter: SentenceSegmenter?
    var units: [TranslationUnit] = []
    var problems: [PositionedError] = []
    /// Body lines of blocks whose text could not be located in the file.
    var unlocated: [Int] = []
    private var headings: [(level: Int, text: String)] = []

    init(bytes: [UInt8], bodyOffset: Int, lines: LineIndex, fileLines: LineIndex, segmenter: SentenceSegmenter?) {
        self.bytes = bytes
        self.bodyOffset = bodyOffset
        self.lines = lines
        self.fileLines = fileLines
        self.segmenter = segmenter
    }

    mutating func walk(_ node: CmarkNode) {
        switch node.type {
        case "heading", "paragraph", "table_cell":
            addUnit(node)
        case "code_block", "html_block", "thematic_break":
            return
        default:
            for child in node.children { walk(child) }
        }
    }

    private mutating func addUnit(_ block: CmarkNode) {
        var collector = InlineCollector(bytes: bytes, bodyOffset: bodyOffset, lines: lines)
        collector.limit(to: block)
        guard let range = collector.contentRange(of: block) else {
            if block.children.contains(where: { !$0.literal.allSatisfy(\.isWhitespace) || !$0.children.isEmpty }),
                let start = block.start
            {
                unlocated.append(start.line)
            }
            return
        }
        collector.collect(block)
        problems += collector.problems
        let segment = Segment(collector.pieces)
        let kind: TranslationUnit.Kind
        switch block.type {
        case "heading":
            kind = .heading(level: block.headingLevel)
            headings.removeAll { $0.level >= block.headingLevel }
        case "table_cell":
            kind = .tableCell
        default:
            kind = .paragraph
        }
        let context = headings.isEmpty ? "" : "under: " + headings.map(\.text).joined(separator: " › ")
        if case .heading(let level) = kind { headings.append((level, segment.plainText)) }
        defer {
            for title in collector.titles {
                let source = Segment([.text(title.text)])
                let what = title.kind == .image ? "title of an image" : "title of a link"
                units.append(
                    TranslationUnit(
                        id: "", kind: .attribute(name: "title"), source: source, codes: [],
                        context: (context.isEmpty ? "" : context + "\n") + what, range: title.range, valueRanges: [],
                        line: fileLines.position(of: title.range.lowerBound).line, isTranslatable: source.hasText))
            }
        }
        let located = zip(collector.pieces, collector.pieceRanges).map {
            SentenceSegmenter.Located(piece: $0, range: $1.range, exact: $1.exact)
        }
        if kind == .paragraph, let segmenter, let sentences = segmenter.split(located) {
            // Each sentence takes its own codes and values, in their order, without looking through all of them.
            let codeIndex = Dictionary(
                collector.codes.enumerated().map { ($1.id, $0) },
                uniquingKeysWith: { first, _ in first })
            let values = collector.valueRanges
            for (index, whole) in sentences.enumerated() {
                // A hard line break at a sentence's edge stays in the skeleton: at the start of a unit the
                // spaces that make it would be trimmed away with the translation's edges.
                let isBreak = { (located: SentenceSegmenter.Located) -> Bool in
                    guard case .placeholder(let id) = located.piece else { return false }
                    return collector.codes.code(id)?.kind == .lineBreak
                }
                var sentence = whole[...]
                while let first = sentence.first, isBreak(first) { sentence = sentence.dropFirst() }
                while let last = sentence.last, isBreak(last) { sentence = sentence.dropLast() }
                guard let lower = sentence.first?.range?.lowerBound, let upper = sentence.last?.range?.upperBound,
                    lower < upper
                else { continue }
                let source = Segment(sentence.map(\.piece))
                let used = Set(source.codeIDs).compactMap { codeIndex[$0] }.sorted().map { collector.codes[$0] }
                let firstValue = values.partitioningIndex { $0.range.lowerBound >= lower }
                let lastValue = values[firstValue...].partitioningIndex { $0.range.lowerBound >= upper }
                units.append(
                    TranslationUnit(
                        id: "", kind: kind, source: source, codes: used,
                        context: (context.isEmpty ? "" : context + "\n")
                            + "sentence \(index + 1) of \(sentences.count) of a paragraph",
                        range: lower..<upper, valueRanges: Array(values[firstValue..<lastValue]),
                        line: fileLines.position(of: lower).line, isTranslatable: source.hasText))
            }
            return
        }
        units.append(
            TranslationUnit(
                id: "", kind: kind, source: segment, codes: collector.codes, context: context, range: range,
                valueRanges: collector.valueRanges, line: fileLines.position(of: range.lowerBound).line,
                isTranslatable: segment.hasText))
    }
}

/// Markdown rendered to HTML by cmark-gfm.
package enum MarkdownHTML {
    /// The HTML cmark-gfm makes of a Markdown text (GitHub tables, strikethrough and autolinks on).
    package static func render(_ bytes: [UInt8], allowRawHTML: Bool = false) -> String {
        CmarkTree(bytes[...]).html(allowRawHTML: allowRawHTML)
    }
}
