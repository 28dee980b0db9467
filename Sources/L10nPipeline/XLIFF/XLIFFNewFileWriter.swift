/// Writes a new XLIFF file (no file on disk yet, nothing in the memory) straight to bytes: the same bytes
/// that building it through ``XLIFFFile`` and ``XLIFFMerger`` and serializing the libxml2 tree gives, without
/// the tree.
///
/// A cold extract makes every file this way; a file that exists (which a translator may have edited) is
/// always merged through the tree, which keeps everything a tool added. The byte-for-byte equality with the
/// tree writer is what the tests check (XLIFFNewFileWriterTests), on the sample content and a generated corpus.
/// Text that libxml2 would escape in ways this writer does not reproduce (control characters) makes it
/// return nil, and the caller uses the tree.
struct XLIFFNewFileWriter {
    private var out: [UInt8] = []
    private let version: XLIFFVersion

    private init(version: XLIFFVersion) {
        self.version = version
        out.reserveCapacity(16_384)
    }

    /// The bytes of a new file holding `units` (already expanded into their plural and select forms), each
    /// new and untranslated (in 1.2 with a copy of its source as its target, in state new, as
    /// ``XLIFFFile/makeUnit(id:source:codes:display:)`` makes it); nil when some text needs the tree writer.
    static func bytes(
        units: [TranslationUnit], original: String, source: LocaleTag, target: LocaleTag, version: XLIFFVersion,
        datatype: String, display: (InlineCode) -> String
    ) -> [UInt8]? {
        var writer = XLIFFNewFileWriter(version: version)
        return writer.write(
            units, original: original, source: source, target: target, datatype: datatype, display: display)
            ? writer.out : nil
    }

    private mutating func write(
        _ units: [TranslationUnit], original: String, source: LocaleTag, target: LocaleTag,
        datatype: String, display: (InlineCode) -> String
    ) -> Bool {
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        switch version {
        case .v12:
            raw("<xliff xmlns=\"\(XLIFFVersion.namespace12)\" version=\"1.2\">\n  <file")
            guard attribute("original", original), attribute("source-language", source.tag),
                attribute("target-language", target.tag), attribute("datatype", datatype)
            else { return false }
            raw(">\n    <header>\n      <tool tool-id=\"ccl10n\" tool-name=\"ccl10n\"/>\n    </header>\n")
            if units.isEmpty {
                raw("    <body/>\n")
            } else {
                raw("    <body>\n")
                for unit in units { guard unit12(unit, display: display) else { return false } }
                raw("    </body>\n")
            }
            raw("  </file>\n")
        case .v21:
            raw("<xliff xmlns=\"\(XLIFFVersion.namespace2)\" version=\"2.1\"")
            guard attribute("srcLang", source.tag), attribute("trgLang", target.tag) else { return false }
            raw(">\n  <file id=\"f1\"")
            guard attribute("original", original) else { return false }
            if units.isEmpty {
                raw("/>\n")
            } else {
                raw(">\n")
                for unit in units { guard unit21(unit, display: display) else { return false } }
                raw("  </file>\n")
            }
        }
        raw("</xliff>\n")
        return true
    }

    /// `<trans-unit>` with its source, a copy of it as the target in state new, and the ccl10n note.
    private mutating func unit12(_ unit: TranslationUnit, display: (InlineCode) -> String) -> Bool {
        raw("      <trans-unit")
        guard attribute("id", unit.id) else { return false }
        raw(">\n        <source")
        guard segment(unit.source, in: "source", codes: unit.codes, display: display) else { return false }
        raw("\n        <target state=\"new\"")
        guard segment(unit.source, in: "target", codes: unit.codes, display: display) else { return false }
        raw("\n")
        if let note = XLIFFMerger.note(for: unit, display: display) {
            raw("        <note from=\"ccl10n\">")
            guard text(note) else { return false }
            raw("</note>\n")
        }
        raw("      </trans-unit>\n")
        return true
    }

    /// `<unit>` with the ccl10n note, the codes' original data and one segment in state initial.
    private mutating func unit21(_ unit: TranslationUnit, display: (InlineCode) -> String) -> Bool {
        raw("    <unit")
        guard attribute("id", unit.id) else { return false }
        raw(">\n")
        if let note = XLIFFMerger.note(for: unit, display: display) {
            raw("      <notes>\n        <note category=\"ccl10n\">")
            guard text(note) else { return false }
            raw("</note>\n      </notes>\n")
        }
        if !unit.codes.isEmpty {
            raw("      <originalData>\n")
            for code in unit.codes {
                let ids = XLIFFInline.dataIDs(code.id)
                guard data(ids.start, code.opening) else { return false }
                if !code.closing.isEmpty || Self.isPaired(code.kind) {
                    guard data(ids.end, code.closing) else { return false }
                }
            }
            raw("      </originalData>\n")
        }
        raw("      <segment id=\"s1\" state=\"initial\">\n        <source")
        guard segment(unit.source, in: "source", codes: unit.codes, display: display) else { return false }
        raw("\n      </segment>\n    </unit>\n")
        return true
    }

    /// The kinds whose end gets a `<data>` entry even when empty, as ``XLIFF2Unit`` writes original data.
    private static func isPaired(_ kind: InlineCode.Kind) -> Bool {
        [.emphasis, .strong, .strikethrough, .link, .image].contains(kind)
    }

    private mutating func data(_ id: String, _ content: String) -> Bool {
        raw("        <data")
        guard attribute("id", id) else { return false }
        raw(">")
        guard text(content) else { return false }
        raw("</data>\n")
        return true
    }

    /// The rest of a `<source>` or `<target>` element after its name and attributes: its content and its end
    /// tag, or `/>` when it is empty, as libxml2 writes an element without children. The codes are written as ``XLIFFInline/write`` writes them.
    private mutating func segment(
        _ segment: Segment, in element: String, codes: [InlineCode],
        display: (InlineCode) -> String
    ) -> Bool {
        // The elements still open, each with whether it has content yet (an empty one closes as `/>`).
        var open: [(name: String, hasContent: Bool)] = [(element, false)]
        func content(_ writer: inout XLIFFNewFileWriter) {
            if !open[open.count - 1].hasContent {
                writer.raw(">")
                open[open.count - 1].hasContent = true
            }
        }
        for piece in segment.pieces {
            switch piece {
            case .text(let string):
                content(&self)
                guard text(string) else { return false }
            case .start(let id):
                content(&self)
                let kind = codes.first { $0.id == id }?.kind ?? .html
                switch version {
                case .v12:
                    raw("<g")
                    guard attribute("id", id), attribute("ctype", XLIFFInline.ctype(kind)) else { return false }
                    open.append(("g", false))
                case .v21:
                    let (type, subType) = XLIFFInline.type2(kind)
                    let ids = XLIFFInline.dataIDs(id)
                    raw("<pc")
                    guard attribute("id", id), attribute("dataRefStart", ids.start), attribute("dataRefEnd", ids.end),
                        attribute("type", type), subType.map({ attribute("subType", $0) }) ?? true
                    else { return false }
                    open.append(("pc", false))
                }
            case .end:
                guard open.count > 1 else { continue }
                close(open.removeLast())
            case .placeholder(let id):
                guard let code = codes.first(where: { $0.id == id }) else { continue }
                content(&self)
                switch version {
                case .v12:
                    raw("<x")
                    guard attribute("id", id), attribute("ctype", XLIFFInline.ctype(code.kind)),
                        attribute("equiv-text", display(code))
                    else { return false }
                case .v21:
                    let (type, subType) = XLIFFInline.type2(code.kind)
                    let shown = display(code)
                    raw("<ph")
                    guard attribute("id", id), attribute("dataRef", XLIFFInline.dataIDs(id).start),
                        attribute("disp", shown),
                        code.kind != .value || attribute("equiv", shown), attribute("type", type),
                        subType.map({ attribute("subType", $0) }) ?? true
                    else { return false }
                }
                raw("/>")
            }
        }
        while let element = open.popLast() { close(element) }
        return true
    }

    private mutating func close(_ element: (name: String, hasContent: Bool)) {
        if element.hasContent {
            raw("</")
            raw(element.name)
            raw(">")
        } else {
            raw("/>")
        }
    }

    private mutating func raw(_ string: String) {
        out.append(contentsOf: string.utf8)
    }

    /// ` name="value"`, escaped as libxml2 escapes an attribute value; false for a control character.
    private mutating func attribute(_ name: String, _ value: String) -> Bool {
        raw(" ")
        raw(name)
        raw("=\"")
        var value = value
        let written = value.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escaped: String
                switch byte {
                case UInt8(ascii: "<"): escaped = "&lt;"
                case UInt8(ascii: ">"): escaped = "&gt;"
                case UInt8(ascii: "&"): escaped = "&amp;"
                case UInt8(ascii: "\""): escaped = "&quot;"
                case UInt8(ascii: "\n"): escaped = "&#10;"
                case UInt8(ascii: "\t"): escaped = "&#9;"
                case ..<0x20, 0x7F: return false
                default: continue
                }
                out.append(contentsOf: bytes[start..<index])
                raw(escaped)
                start = index + 1
            }
            out.append(contentsOf: bytes[start...])
            return true
        }
        guard written else { return false }
        raw("\"")
        return true
    }

    /// Character data, escaped as libxml2 escapes a text node; false for a control character. Runs of
    /// bytes that need no escaping are copied whole.
    private mutating func text(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escaped: String
                switch byte {
                case UInt8(ascii: "<"): escaped = "&lt;"
                case UInt8(ascii: ">"): escaped = "&gt;"
                case UInt8(ascii: "&"): escaped = "&amp;"
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"): continue
                case ..<0x20, 0x7F: return false
                default: continue
                }
                out.append(contentsOf: bytes[start..<index])
                raw(escaped)
                start = index + 1
            }
            out.append(contentsOf: bytes[start...])
            return true
        }
    }
}
