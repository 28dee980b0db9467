/// The translation memory's file format: TMX 1.4b at level 2, as CAT tools exchange memories of XLIFF.
///
/// A code is a TMX `<bpt>`/`<ept>` pair or a `<ph>` whose content is the code as it stands in ccl10n's
/// XLIFF 1.2 (`<g id="2" ctype="italic">`, `</g>`, `<x id="1" ctype="x-value"/>`), with `x` the code's id
/// and `type` its XLIFF `ctype`; a code's Markdown or value syntax lives in the XLIFF and the document, not
/// here. That is what a tool that read the XLIFF file writes into its own memory, and what it matches on:
/// OmegaT, with its level-2 options on (README), turns the tags into the same `<g1>`/`<x0/>` shortcuts as
/// the segment it translates, so segments with codes are matched, not only plain ones. The older form (the
/// codes' Markdown syntax as content, `type` only on values) is still read.
extension TranslationMemory {
    /// Reads a TMX file: the translation units with a variant in each of the pair's languages.
    static func read(_ bytes: [UInt8], path: String, source: LocaleTag, target: LocaleTag) throws(DiagnosticError)
        -> TranslationMemory
    {
        let tree = try XMLTree.parse(bytes, path: path)
        guard let root = tree.root, root.name == "tmx", let body = root.child("body") else {
            // At the element that is not what a TMX file has (1:1 would point at the XML declaration).
            throw DiagnosticError(
                Diagnostic(.error, path: path, line: tree.root?.line ?? 0, "not a TMX file (no <tmx> with a <body>)"))
        }
        var memory = TranslationMemory(source: source, target: target)
        for unit in body.childElements where unit.name == "tu" {
            var segments: [String: (Segment, [String: InlineCode])] = [:]
            for variant in unit.childElements where variant.name == "tuv" {
                guard let lang = variant.xmlAttribute("lang") ?? variant["lang"], let seg = variant.child("seg") else {
                    continue
                }
                segments[lang.lowercased()] = readSegment(seg)
            }
            let document = unit.childElements.first { $0.name == "prop" && $0["type"] == "x-document" }?.textContent
            guard let (sourceSegment, sourceCodes) = Self.variant(segments, source),
                let (targetSegment, _) = Self.variant(segments, target),
                sourceSegment.hasText, !targetSegment.pieces.isEmpty
            else { continue }
            memory.add(Entry(source: sourceSegment, target: targetSegment, codes: sourceCodes, document: document))
        }
        return memory
    }

    /// The variant for a locale: its exact tag, else one of the same language (`nl-NL` for `nl`).
    private static func variant(_ segments: [String: (Segment, [String: InlineCode])], _ locale: LocaleTag) -> (
        Segment, [String: InlineCode]
    )? {
        let tag = locale.tag.lowercased()
        if let exact = segments[tag] { return exact }
        let language = tag.split(separator: "-").first.map(String.init) ?? tag
        return segments.first { $0.key == language || $0.key.hasPrefix(language + "-") }?.value
    }

    /// The kind of a code from its TMX `type` (an XLIFF `ctype`); a code without one is markup.
    private static func kind(_ type: String?) -> InlineCode.Kind {
        let kinds: [InlineCode.Kind] = [
            .emphasis, .strong, .link, .lineBreak, .image, .strikethrough, .code, .html, .autolink, .value, .count,
        ]
        return kinds.first { XLIFFInline.ctype($0) == type } ?? .html
    }

    private static func readSegment(_ seg: XMLElement) -> (Segment, [String: InlineCode]) {
        var pieces: [Segment.Piece] = []
        var codes: [String: InlineCode] = [:]
        var pairs: [String: String] = [:]
        for child in seg.children {
            switch child {
            case .text(let text, _):
                pieces.append(.text(text))
            case .element(let element):
                let id = element["x"] ?? element["i"] ?? ""
                switch element.name {
                case "bpt":
                    pairs[element["i"] ?? id] = id
                    pieces.append(.start(id))
                    codes[id] = InlineCode(
                        id: id, kind: kind(element["type"]), opening: element.textContent, closing: "")
                case "ept":
                    let start = pairs[element["i"] ?? ""] ?? id
                    pieces.append(.end(start))
                    codes[start]?.closing = element.textContent
                case "ph", "it":
                    pieces.append(.placeholder(id))
                    codes[id] = InlineCode(
                        id: id, kind: kind(element["type"]), opening: element.textContent, closing: "")
                default:
                    pieces.append(.text(element.textContent))
                }
            case .other:
                continue
            }
        }
        return (Segment(pieces), codes)
    }

    /// The memory as TMX 1.4b bytes, entries sorted by source so the file is byte-stable.
    func tmx() -> [UInt8] {
        let (tree, root) = XMLTree.new(root: "tmx", namespace: nil)
        root["version"] = "1.4"
        root.append(
            "header",
            attributes: [
                ("creationtool", "ccl10n"), ("creationtoolversion", "2"), ("segtype", "sentence"), ("o-tmf", "ccl10n"),
                ("adminlang", "en"), ("srclang", sourceLocale.tag), ("datatype", "xml"),
            ])
        let body = root.append("body")
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            let unit = body.append("tu")
            if let document = entry.document {
                unit.append("prop", attributes: [("type", "x-document")]).appendText(document)
            }
            for (locale, segment) in [(sourceLocale, entry.source), (targetLocale, entry.target)] {
                let variant = unit.append("tuv")
                variant.setXMLAttribute("lang", locale.tag)
                Self.writeSegment(segment, codes: entry.codes, into: variant.append("seg"))
            }
        }
        root.reindent(containers: ["tmx", "body", "tu", "tuv"])
        return tree.serialized()
    }

    /// Writes a segment's text and codes into a `<seg>`: `x` is the code's id, which pairs the codes of the
    /// two languages (ids number the source's codes in order, as CAT tools number theirs).
    private static func writeSegment(_ segment: Segment, codes: [String: InlineCode], into seg: XMLElement) {
        var pairIndex: [String: Int] = [:]
        for piece in segment.pieces {
            switch piece {
            case .text(let text):
                seg.appendText(text)
            case .start(let id):
                let index = pairIndex.count + 1
                pairIndex[id] = index
                let ctype = XLIFFInline.ctype(codes[id]?.kind ?? .html)
                seg.append("bpt", attributes: [("i", String(index)), ("x", id), ("type", ctype)])
                    .appendText("<g id=\"\(MarkupEscaping.escape(id))\" ctype=\"\(ctype)\">")
            case .end(let id):
                seg.append("ept", attributes: [("i", String(pairIndex[id] ?? 0))]).appendText("</g>")
            case .placeholder(let id):
                // Only the id and kind: what was read back is written again, so the file stays byte-stable.
                let ctype = XLIFFInline.ctype(codes[id]?.kind ?? .html)
                seg.append("ph", attributes: [("x", id), ("type", ctype)]).appendText(
                    "<x id=\"\(MarkupEscaping.escape(id))\" ctype=\"\(ctype)\"/>")
            }
        }
    }
}
