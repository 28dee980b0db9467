import Synchronization

/// The project's translation memory for one language pair, kept as TMX 1.4b in `Locales/tm/<src>-<trg>.tmx`.
///
/// Extract adds every usable translation it sees (units later removed from their document included), so a
/// sentence that comes back, or appears in another document, is found again. Entries are never dropped.
/// Codes are stored as TMX `<bpt>`/`<ept>` pairs and `<ph>` placeholders, each with the code's original
/// syntax, so a memory can be read by other tools.
public struct TranslationMemory: Sendable, MemoryLookup {
    /// One translation: source and target segments, the codes' original syntax by id, and where it came from.
    struct Entry: Sendable, Equatable {
        var source: Segment
        var target: Segment
        var codes: [String: InlineCode]
        var document: String?
    }

    let sourceLocale: LocaleTag
    let targetLocale: LocaleTag
    /// Entries by the source's key (``UnitIdentity/key(of:)``).
    private(set) var entries: [String: Entry] = [:] {
        didSet { index = LazyIndex() }
    }
    /// The entries' compact form with their fuzzy index, made at the first fuzzy lookup and shared by every
    /// copy of this memory until it changes.
    private var index = LazyIndex()

    init(source: LocaleTag, target: LocaleTag) {
        sourceLocale = source
        targetLocale = target
    }

    static func path(source: LocaleTag, target: LocaleTag) -> String { "Locales/tm/\(source.tag)-\(target.tag).tmx" }

    /// Adds or replaces the translation of a source.
    mutating func add(_ entry: Entry) {
        entries[UnitIdentity.key(of: entry.source)] = entry
    }

    /// The entry for exactly this source, if any.
    func exact(_ source: Segment) -> Entry? {
        entries[UnitIdentity.key(of: source)]
    }

    /// The entries whose source is at least `minimum` alike (0…1, ``BigramProfile``), best first (then by
    /// key), at most `limit`.
    func fuzzy(_ source: Segment, minimum: Double = 0.75, limit: Int = 3) -> [(entry: Entry, score: Double)] {
        guard !entries.isEmpty else { return [] }
        return index.get { MemoryIndex.build(entries) }.fuzzy(source, minimum: minimum, limit: limit)
    }

    /// The memory with only the entries `keep` accepts.
    func filter(_ keep: (Entry) -> Bool) -> TranslationMemory {
        var kept = TranslationMemory(source: sourceLocale, target: targetLocale)
        kept.entries = entries.filter { keep($0.value) }
        return kept
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Adds the entries of another memory (an agency's, say) that this one does not have yet, or all of
    /// them with `replacing`; returns how many it added.
    @discardableResult
    mutating func merge(_ other: TranslationMemory, replacing: Bool = false) -> Int {
        var added = 0
        for (key, entry) in other.entries where replacing || entries[key] == nil {
            entries[key] = entry
            added += 1
        }
        return added
    }

    /// `ccl10n tm import`: reads a TMX file into the memory of every language pair of the project it has
    /// variants for; returns the number of entries added per memory file.
    public static func importTMX(_ path: String, into project: Project) throws(DiagnosticError) -> [String: Int] {
        guard let bytes = try FileStore.read(path) else { throw DiagnosticError(Diagnostic(.error, path: path, "no such file")) }
        var added: [String: Int] = [:]
        var pairs: Set<String> = []
        for reference in project.documents() {
            for target in project.targets(of: reference) { pairs.insert("\(reference.root.locale.tag) \(target.tag)") }
        }
        if pairs.isEmpty {
            for source in project.config.sources { for target in project.config.targets where target != source.locale { pairs.insert("\(source.locale.tag) \(target.tag)") } }
        }
        for pair in pairs.sorted() {
            let tags = pair.split(separator: " ").compactMap { LocaleTag(String($0)) }
            guard tags.count == 2 else { continue }
            let incoming = try read(bytes, path: path, source: tags[0], target: tags[1])
            guard !incoming.entries.isEmpty else { continue }
            let relative = Self.path(source: tags[0], target: tags[1])
            var memory = try FileStore.read(project.absolute(relative)).map { existing throws(DiagnosticError) in
                try read(existing, path: project.absolute(relative), source: tags[0], target: tags[1])
            } ?? TranslationMemory(source: tags[0], target: tags[1])
            added[relative] = memory.merge(incoming)
            _ = try FileStore.writeIfChanged(memory.tmx(), to: project.absolute(relative))
        }
        return added
    }

    // MARK: TMX

    /// Reads a TMX file: the translation units with a variant in each of the pair's languages.
    static func read(_ bytes: [UInt8], path: String, source: LocaleTag, target: LocaleTag) throws(DiagnosticError) -> TranslationMemory {
        let tree = try XMLTree.parse(bytes, path: path)
        guard let root = tree.root, root.name == "tmx", let body = root.child("body") else {
            throw DiagnosticError(Diagnostic(.error, path: path, line: 1, column: 1, "not a TMX file (no <tmx> with a <body>)"))
        }
        var memory = TranslationMemory(source: source, target: target)
        for unit in body.childElements where unit.name == "tu" {
            var segments: [String: (Segment, [String: InlineCode])] = [:]
            for variant in unit.childElements where variant.name == "tuv" {
                guard let lang = variant.xmlAttribute("lang") ?? variant["lang"], let seg = variant.child("seg") else { continue }
                segments[lang.lowercased()] = readSegment(seg)
            }
            let document = unit.childElements.first { $0.name == "prop" && $0["type"] == "x-document" }?.textContent
            guard let (sourceSegment, sourceCodes) = Self.variant(segments, source), let (targetSegment, _) = Self.variant(segments, target),
                  sourceSegment.hasText, !targetSegment.pieces.isEmpty
            else { continue }
            memory.add(Entry(source: sourceSegment, target: targetSegment, codes: sourceCodes, document: document))
        }
        return memory
    }

    /// The variant for a locale: its exact tag, else one of the same language (`nl-NL` for `nl`).
    private static func variant(_ segments: [String: (Segment, [String: InlineCode])], _ locale: LocaleTag) -> (Segment, [String: InlineCode])? {
        let tag = locale.tag.lowercased()
        if let exact = segments[tag] { return exact }
        let language = tag.split(separator: "-").first.map(String.init) ?? tag
        return segments.first { $0.key == language || $0.key.hasPrefix(language + "-") }?.value
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
                    codes[id] = InlineCode(id: id, kind: .html, opening: element.textContent, closing: "")
                case "ept":
                    let start = pairs[element["i"] ?? ""] ?? id
                    pieces.append(.end(start))
                    codes[start]?.closing = element.textContent
                case "ph", "it":
                    pieces.append(.placeholder(id))
                    codes[id] = InlineCode(id: id, kind: element["type"] == "x-value" ? .value : .html, opening: element.textContent, closing: "")
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
        let tree = XMLTree(root: "tmx", namespace: nil)
        let root = tree.root!
        root["version"] = "1.4"
        root.append("header", attributes: [
            ("creationtool", "ccl10n"), ("creationtoolversion", "1"), ("segtype", "sentence"), ("o-tmf", "ccl10n"),
            ("adminlang", "en"), ("srclang", sourceLocale.tag), ("datatype", "plaintext"),
        ])
        let body = root.append("body")
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            let unit = body.append("tu")
            if let document = entry.document { unit.append("prop", attributes: [("type", "x-document")]).appendText(document) }
            for (locale, segment) in [(sourceLocale, entry.source), (targetLocale, entry.target)] {
                let variant = unit.append("tuv")
                variant.setXMLAttribute("lang", locale.tag)
                writeSegment(segment, codes: entry.codes, into: variant.append("seg"))
            }
        }
        root.reindent(containers: ["tmx", "body", "tu", "tuv"])
        return tree.serialized()
    }

    private func writeSegment(_ segment: Segment, codes: [String: InlineCode], into seg: XMLElement) {
        var pairIndex: [String: Int] = [:]
        for piece in segment.pieces {
            switch piece {
            case .text(let text):
                seg.appendText(text)
            case .start(let id):
                let index = pairIndex.count + 1
                pairIndex[id] = index
                seg.append("bpt", attributes: [("i", String(index)), ("x", id)]).appendText(codes[id]?.opening ?? "")
            case .end(let id):
                seg.append("ept", attributes: [("i", String(pairIndex[id] ?? 0))]).appendText(codes[id]?.closing ?? "")
            case .placeholder(let id):
                let code = codes[id]
                var attributes = [("x", id)]
                if code?.kind == .value { attributes.append(("type", "x-value")) }
                seg.append("ph", attributes: attributes).appendText(code?.opening ?? "")
            }
        }
    }
}

/// A memory's index, made once, on first use, by whichever thread asks first; shared by the copies of its owner.
private final class LazyIndex: Sendable {
    private let value = Mutex<MemoryIndex?>(nil)

    func get(_ make: () -> [UInt8]) -> MemoryIndex {
        value.withLock { value in
            if let value { return value }
            // The bytes were just made by `MemoryIndex.build`, so they read back.
            let made = MemoryIndex(MappedBytes(copying: make()))!
            value = made
            return made
        }
    }
}
