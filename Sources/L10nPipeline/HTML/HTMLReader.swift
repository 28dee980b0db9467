/// Reads an HTML document or fragment (libxml2's HTML parser) into a ``SourceDocument``.
///
/// Units: the content of each leaf block element (paragraphs, headings, list items, table cells, captions,
/// `<title>` and the like), with inline elements as codes, and the attributes people read (`alt`, `title`,
/// `placeholder`, `aria-label`). `<script>`, `<style>` and anything marked `translate="no"` are left alone.
public struct HTMLReader: Sendable {
    static let blocks: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "caption", "figcaption", "title",
        "blockquote", "label", "button", "option", "legend", "summary", "address", "pre",
    ]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "code"]
    static let readableAttributes = ["alt", "title", "placeholder", "aria-label"]

    public init() {}

    public func read(_ bytes: [UInt8], path: String, locale: LocaleTag) throws(DiagnosticError) -> SourceDocument {
        let tree = try XMLTree.parseHTML(bytes, path: path)
        var units: [TranslationUnit] = []
        var problems: [Diagnostic] = []
        func attributes(_ element: XMLElement, path elementPath: [Int]) {
            let name = element.name.lowercased()
            for attribute in Self.readableAttributes {
                guard let text = element[attribute], text.contains(where: { !$0.isWhitespace }) else { continue }
                let (segment, codes, valueProblems) = MarkdownReader.segment(ofPlainText: text)
                problems += valueProblems.map {
                    Diagnostic(.error, path: path, line: element.line, column: 0, $0.message)
                }
                units.append(
                    TranslationUnit(
                        id: "", kind: .attribute(name: attribute), source: segment, codes: codes,
                        context: "the \(attribute) of <\(name)>", range: 0..<0, valueRanges: [],
                        line: element.line, formatData: HTMLPlace(element: elementPath),
                        isTranslatable: true))
            }
        }
        func attributesBelow(_ element: XMLElement, path elementPath: [Int]) {
            for (index, child) in element.childElements.enumerated() {
                guard !Self.skipped.contains(child.name.lowercased()), child["translate"]?.lowercased() != "no" else {
                    continue
                }
                attributes(child, path: elementPath + [index])
                attributesBelow(child, path: elementPath + [index])
            }
        }
        func walk(_ element: XMLElement, path elementPath: [Int]) {
            let name = element.name.lowercased()
            guard !Self.skipped.contains(name), element["translate"]?.lowercased() != "no" else { return }
            attributes(element, path: elementPath)
            if Self.blocks.contains(name), !containsBlock(element) {
                var collector = HTMLInlineCollector()
                collector.collect(element, path: [])
                problems += collector.problems.map {
                    Diagnostic(.error, path: path, line: element.line, column: 0, $0.message)
                }
                let segment = Segment(collector.pieces)
                if segment.hasText {
                    let level = name.first == "h" && name.count == 2 ? Int(String(name.dropFirst())) : nil
                    units.append(
                        TranslationUnit(
                            id: "", kind: level.map { .heading(level: $0) } ?? .paragraph, source: segment,
                            codes: collector.codes, context: "<\(name)>", range: 0..<0, valueRanges: [],
                            line: element.line,
                            formatData: HTMLPlace(
                                element: elementPath,
                                codes: collector.codePaths),
                            isTranslatable: true))
                }
                attributesBelow(element, path: elementPath)
                return
            }
            for (index, child) in element.childElements.enumerated() { walk(child, path: elementPath + [index]) }
        }
        for (index, element) in tree.topLevelElements.enumerated() { walk(element, path: [index]) }
        problems += units.compactMap { unit in
            unit.lengthProblem.map { Diagnostic(.error, path: path, line: unit.line, column: 1, $0) }
        }
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        return SourceDocument(
            format: HTMLFormat.self, path: path, locale: locale, bytes: bytes,
            units: UnitIdentity.assignIDs(units))
    }

    private func containsBlock(_ element: XMLElement) -> Bool {
        element.childElements.contains { Self.blocks.contains($0.name.lowercased()) || containsBlock($0) }
    }
}

/// Where an HTML unit is in its document, for the renderer.
struct HTMLPlace: Sendable {
    /// The unit's element: child-element indexes from the root element.
    var element: [Int]
    /// Where each inline code's element is below the unit's element, by code id.
    var codes: [String: [Int]] = [:]
}

/// Turns the inline content of one HTML element into a ``Segment``: text (values cut out as codes) and
/// inline elements as codes whose element's place is remembered.
struct HTMLInlineCollector {
    private(set) var pieces: [Segment.Piece] = []
    private(set) var codes: [InlineCode] = []
    /// Where each inline element's code came from below the collected element, by code id.
    private(set) var codePaths: [String: [Int]] = [:]
    private(set) var problems: [ValueError] = []

    private mutating func newCode(_ kind: InlineCode.Kind, opening: String, path: [Int]?, value: Value? = nil) -> String
    {
        let id = String(codes.count + 1)
        codes.append(InlineCode(id: id, kind: kind, opening: opening, closing: "", value: value))
        codePaths[id] = path
        return id
    }

    mutating func collect(_ element: XMLElement, path: [Int]) {
        var elementIndex = 0
        for child in element.children {
            switch child {
            case .text(let text, _):
                let (segment, valueCodes, valueProblems) = MarkdownReader.segment(ofPlainText: text)
                problems += valueProblems
                for piece in segment.pieces {
                    if case .placeholder(let id) = piece, let code = valueCodes.code(id) {
                        pieces.append(
                            .placeholder(newCode(.value, opening: code.opening, path: nil, value: code.value)))
                    } else {
                        pieces.append(piece)
                    }
                }
            case .element(let inline):
                let childPath = path + [elementIndex]
                elementIndex += 1
                let name = inline.name.lowercased()
                let kind: InlineCode.Kind =
                    switch name {
                    case "em", "i": .emphasis
                    case "strong", "b": .strong
                    case "a": .link
                    case "s", "del", "strike": .strikethrough
                    case "img": .image
                    case "br": .lineBreak
                    case "code", "kbd", "samp": .code
                    default: .html
                    }
                let opaque = HTMLReader.skipped.contains(name) || inline["translate"]?.lowercased() == "no"
                if inline.children.isEmpty || opaque || kind == .code {
                    pieces.append(.placeholder(newCode(kind, opening: "<\(name)>", path: childPath)))
                } else {
                    let id = newCode(kind, opening: "<\(name)>", path: childPath)
                    pieces.append(.start(id))
                    collect(inline, path: childPath)
                    pieces.append(.end(id))
                }
            case .other:
                continue
            }
        }
    }
}
