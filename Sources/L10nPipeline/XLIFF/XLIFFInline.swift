/// Writes segments into XLIFF `<source>`/`<target>` elements and reads them back, in either version.
///
/// XLIFF 1.2: paired codes are `<g id ctype>…</g>`, standalone ones `<x id ctype equiv-text/>`; on reading,
/// `<bx/>`/`<ex/>` are a pair, `<ph>`, `<bpt>`, `<ept>`, `<it>` placeholders and `<mrk>` transparent.
/// XLIFF 2.1: paired codes are `<pc id dataRefStart dataRefEnd>`, standalone ones `<ph id dataRef disp/>`,
/// with the original syntax in the unit's `<originalData>`; on reading, `<sc/>`/`<ec/>` are a pair, `<cp/>`
/// its character, and `<mrk>`, `<sm/>`, `<em/>` transparent.
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

    /// Fills an empty element with a segment; `display` gives the text a translator sees for a placeholder.
    static func write(_ segment: Segment, codes: [InlineCode], version: XLIFFVersion, into element: XMLElement,
                      display: (InlineCode) -> String) {
        var stack = [element]
        for piece in segment.pieces {
            let current = stack[stack.count - 1]
            switch piece {
            case .text(let text):
                current.appendText(text)
            case .start(let id):
                let kind = codes.code(id)?.kind ?? .html
                if version == .v12 {
                    stack.append(current.append("g", attributes: [("id", id), ("ctype", ctype(kind))]))
                } else {
                    let (type, subType) = type2(kind)
                    var attributes = [("id", id), ("dataRefStart", dataIDs(id).start), ("dataRefEnd", dataIDs(id).end), ("type", type)]
                    if let subType { attributes.append(("subType", subType)) }
                    stack.append(current.append("pc", attributes: attributes))
                }
            case .end:
                if stack.count > 1 { stack.removeLast() }
            case .placeholder(let id):
                guard let code = codes.code(id) else { continue }
                if version == .v12 {
                    current.append("x", attributes: [("id", id), ("ctype", ctype(code.kind)), ("equiv-text", display(code))])
                } else {
                    let (type, subType) = type2(code.kind)
                    var attributes = [("id", id), ("dataRef", dataIDs(id).start), ("disp", display(code))]
                    if code.kind == .value { attributes.append(("equiv", display(code))) }
                    attributes.append(("type", type))
                    if let subType { attributes.append(("subType", subType)) }
                    current.append("ph", attributes: attributes)
                }
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
                        if let hex = inline["hex"], let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
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
