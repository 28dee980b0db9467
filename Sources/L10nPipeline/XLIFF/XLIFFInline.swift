/// Writes segments into XLIFF 1.2 `<source>`/`<target>` elements and reads them back.
///
/// Paired codes become `<g id ctype>…</g>`, standalone ones `<x id ctype equiv-text/>`. On reading, the
/// other 1.2 inline elements a CAT tool may produce are understood too: `<bx/>`/`<ex/>` as a pair, `<ph>`,
/// `<bpt>`, `<ept>`, `<it>` as placeholders by id, and `<mrk>` as transparent.
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
        }
    }

    /// Fills an empty element with a segment; `display` gives the text a translator sees for a placeholder.
    static func write(_ segment: Segment, codes: [InlineCode], into element: XMLElement, display: (InlineCode) -> String) {
        var stack = [element]
        for piece in segment.pieces {
            let current = stack[stack.count - 1]
            switch piece {
            case .text(let text):
                current.appendText(text)
            case .start(let id):
                let kind = codes.first { $0.id == id }?.kind ?? .html
                stack.append(current.append("g", attributes: [("id", id), ("ctype", ctype(kind))]))
            case .end:
                if stack.count > 1 { stack.removeLast() }
            case .placeholder(let id):
                guard let code = codes.first(where: { $0.id == id }) else { continue }
                current.append("x", attributes: [("id", id), ("ctype", ctype(code.kind)), ("equiv-text", display(code))])
            }
        }
    }

    /// The segment held by a `<source>` or `<target>` element.
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
                    case "g":
                        pieces.append(.start(id))
                        walk(inline)
                        pieces.append(.end(id))
                    case "bx": pieces.append(.start(inline["rid"] ?? id))
                    case "ex": pieces.append(.end(inline["rid"] ?? id))
                    case "x", "ph", "bpt", "ept", "it": pieces.append(.placeholder(id))
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
