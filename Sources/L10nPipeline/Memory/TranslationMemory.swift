import Synchronization

/// The project's translation memory for one language pair, kept as TMX 1.4b in `Locales/tm/<src>-<trg>.tmx`.
///
/// Extract adds every usable translation it sees (units later removed from their document included), so a
/// sentence that comes back, or appears in another document, is found again. Entries are never dropped.
/// The file format is ``TMXFormat``'s (TMX 1.4b level 2, codes as XLIFF 1.2 tags, which CAT tools match on).
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
        guard let bytes = try FileStore.read(path) else {
            throw DiagnosticError(Diagnostic(.error, .environment, path: path, "no such file"))
        }
        var added: [String: Int] = [:]
        var pairs: Set<String> = []
        for reference in project.documents() {
            for target in project.targets(of: reference) { pairs.insert("\(reference.root.locale.tag) \(target.tag)") }
        }
        if pairs.isEmpty {
            for source in project.config.sources {
                for target in project.config.targets where target != source.locale {
                    pairs.insert("\(source.locale.tag) \(target.tag)")
                }
            }
        }
        for pair in pairs.sorted() {
            let tags = pair.split(separator: " ").compactMap { LocaleTag(String($0)) }
            guard tags.count == 2 else { continue }
            var incoming = try read(bytes, path: path, source: tags[0], target: tags[1])
            guard !incoming.entries.isEmpty else { continue }
            // A memory from outside may name one of our documents (`x-document`) to claim an in-context match,
            // which publishes without review: what is imported is never in context.
            for key in incoming.entries.keys { incoming.entries[key]?.document = nil }
            let relative = Self.path(source: tags[0], target: tags[1])
            var memory =
                try FileStore.read(try project.contained(relative)).map { existing throws(DiagnosticError) in
                    try read(existing, path: project.absolute(relative), source: tags[0], target: tags[1])
                } ?? TranslationMemory(source: tags[0], target: tags[1])
            added[relative] = memory.merge(incoming)
            _ = try FileStore.writeIfChanged(memory.tmx(), to: try project.contained(relative))
        }
        return added
    }
}

/// A memory's index, made once, on first use, by whichever thread asks first; shared by the copies of its owner.
private final class LazyIndex: Sendable {
    private let value = Mutex<MemoryIndex?>(nil)

    func get(_ make: () -> [UInt8]) -> MemoryIndex {
        value.withLock { value in
            if let value { return value }
            // The bytes were just made by `MemoryIndex.build`, so they read back.
            guard let made = MemoryIndex(MappedBytes(copying: make())) else {
                preconditionFailure("an index just made by MemoryIndex.build does not read back")
            }
            value = made
            return made
        }
    }
}
