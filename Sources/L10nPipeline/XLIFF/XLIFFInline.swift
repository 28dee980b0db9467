/// Writes segments into XLIFF `<source>`/`<target>` elements, with each dialect's elements for codes
/// (``XLIFFDialect/appendStart(id:kind:to:)``), and reads them back from either dialect.
///
/// On reading, XLIFF 1.2's `<g>` and 2.x's `<pc>` are paired codes; 1.2's `<bx/>`/`<ex/>` and 2.x's
/// `<sc/>`/`<ec/>` a pair; 1.2's `<x>`, `<ph>`, `<bpt>`, `<ept>`, `<it>` and 2.x's `<ph>` placeholders;
/// 2.x's `<cp/>` its character; `<mrk>`, `<sm/>`, `<em/>` transparent.
enum XLIFFInline {
    static func ctype(_ kind: InlineCode.Kind) -> String {
        switch kind {
        case .emphasis: "italic"
        case .strong: "bold"
        case .link: "link"
        case .lineBreak: "lb"
        case .image: "x-image"
        case .strikethrough: "x-strikethrough"
        case .code: "x-code"
        case .html: "x-html"
        case .autolink: "x-autolink"
        case .value: "x-value"
        case .count: "x-count"
        }
    }

    /// XLIFF 2 `type` and `subType` of a code.
    static func type2(_ kind: InlineCode.Kind) -> (type: String, subType: String?) {
        switch kind {
        case .emphasis: ("fmt", "xlf:i")
        case .strong: ("fmt", "xlf:b")
        case .lineBreak: ("fmt", "xlf:lb")
        case .strikethrough, .code, .html: ("fmt", nil)
        case .link, .autolink: ("link", nil)
        case .image: ("image", nil)
        case .value: ("other", "ccl10n:value")
        case .count: ("other", "ccl10n:count")
        }
    }

    /// The `<data>` ids of a code's original syntax in XLIFF 2.1.
    static func dataIDs(_ id: String) -> (start: String, end: String) { ("d\(id)", "d\(id)e") }

    /// Fills an empty element with a segment, its codes written as `dialect` writes them; `display` gives the
    /// text a translator sees for a placeholder.
    static func write(
        _ segment: Segment, codes: [InlineCode], dialect: any XLIFFDialect.Type, into element: XMLElement,
        display: (InlineCode) -> String
    ) {
        var stack = [element]
        for piece in segment.pieces {
            let current = stack[stack.count - 1]
            switch piece {
            case .text(let text):
                current.appendText(text)
            case .start(let id):
                stack.append(dialect.appendStart(id: id, kind: codes.code(id)?.kind ?? .html, to: current))
            case .end:
                if stack.count > 1 { stack.removeLast() }
            case .placeholder(let id):
                guard let code = codes.code(id) else { continue }
                dialect.appendPlaceholder(code, display: display(code), to: current)
            }
        }
    }

    /// The segment held by a `<source>` or `<target>` element of either version.
    static func read(_ element: XMLElement) -> Segment {
        var pieces: [Segment.Piece] = []
        func walk(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text, _):
                    pieces.append(.text(text))
                case .element(let inline):
                    let id = inline["id"] ?? ""
                    switch inline.name {
                    case "g", "pc":
                        pieces.append(.start(id))
                        walk(inline)
                        pieces.append(.end(id))
                    case "bx", "sc": pieces.append(.start(inline["rid"] ?? id))
                    case "ex": pieces.append(.end(inline["rid"] ?? id))
                    case "ec": pieces.append(.end(inline["startRef"] ?? id))
                    case "x", "ph", "bpt", "ept", "it": pieces.append(.placeholder(id))
                    case "cp":
                        if let hex = inline["hex"], let value = UInt32(hex, radix: 16),
                            let scalar = Unicode.Scalar(value)
                        {
                            pieces.append(.text(String(Character(scalar))))
                        }
                    case "sm", "em": continue
                    default: walk(inline)
                    }
                case .other:
                    continue
                }
            }
        }
        walk(element)
        return Segment(pieces)
    }
}
