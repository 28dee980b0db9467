import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the merge asks of a translation memory: the entry for exactly a source, and the entries alike.
protocol MemoryLookup: Sendable {
    func exact(_ source: Segment) -> TranslationMemory.Entry?
    func fuzzy(_ source: Segment, minimum: Double, limit: Int) -> [(entry: TranslationMemory.Entry, score: Double)]
}

/// The translation memory of one language pair during one extract run, read only when a lookup needs it.
///
/// The TMX file stays the file of record; lookups read its compact form (``MemoryIndex``), kept in
/// `.ccl10n/tm-<src>-<trg>-<hash>.index` under the TMX's content hash and mapped into memory, so a run reads
/// only the pages its lookups touch. `.ccl10n/tm-<src>-<trg>.stamp` remembers the hash with the file's
/// inode, size and change times: while they are unchanged (and were not within a second of the hashing,
/// git's racy-timestamp guard), the TMX is not read at all; otherwise it is hashed again, and parsed only
/// when no index has that hash. A run that adds no entry never parses or rewrites the TMX.
final class StoredMemory: MemoryLookup {
    let source: LocaleTag
    let target: LocaleTag
    /// The TMX file, relative to the project and absolute (for messages).
    let relative: String
    let path: String
    private let project: Project
    /// Whether the TMX file was there when the run started: without it there is nothing to look up.
    let exists: Bool
    /// The project path the pair's cache files start with (`.ccl10n/tm-en-nl`).
    private let cacheRelative: String
    private let writesCache: Bool
    private let opened = Mutex<Result<MemoryIndex?, DiagnosticError>?>(nil)

    /// With `writesCache` false (`extract --check`), an index made is used but not kept.
    init(project: Project, source: LocaleTag, target: LocaleTag, writesCache: Bool) {
        self.source = source
        self.target = target
        relative = TranslationMemory.path(source: source, target: target)
        path = project.absolute(relative)
        self.project = project
        exists = FileStore.exists(path)
        cacheRelative = ".ccl10n/tm-\(source.tag)-\(target.tag)"
        self.writesCache = writesCache
    }

    /// The compact form of the TMX file, opened (or made) at the first call; nil when there is no file.
    func index() throws(DiagnosticError) -> MemoryIndex? {
        let result = opened.withLock { opened in
            if let opened { return opened }
            let made: Result<MemoryIndex?, DiagnosticError>
            do throws(DiagnosticError) { made = .success(try open()) } catch { made = .failure(error) }
            opened = made
            return made
        }
        return try result.get()
    }

    /// Why the memory could not be read, when a lookup or the harvest tried to.
    var diagnostics: [Diagnostic] {
        opened.withLock { opened in
            if case .failure(let error)? = opened { return error.diagnostics }
            return []
        }
    }

    func exact(_ source: Segment) -> TranslationMemory.Entry? {
        guard exists, let index = try? index(), index.count > 0 else { return nil }
        return index.exact(source)
    }

    func fuzzy(_ source: Segment, minimum: Double, limit: Int) -> [(entry: TranslationMemory.Entry, score: Double)] {
        guard exists, let index = try? index(), index.count > 0 else { return [] }
        return index.fuzzy(source, minimum: minimum, limit: limit)
    }

    /// The TMX file's new bytes and entries once `harvest` is added, in order (a later entry for the same
    /// source replaces an earlier one); nil when that adds or changes no entry. Only then is the TMX parsed.
    func adding(_ harvest: [TranslationMemory.Entry]) throws(DiagnosticError) -> (
        bytes: [UInt8], memory: TranslationMemory
    )? {
        guard !harvest.isEmpty else { return nil }
        var incoming = TranslationMemory(source: source, target: target)
        for entry in harvest { incoming.add(entry) }
        // Most of a harvest is what the memory holds already (a document read again keeps its translations):
        // only the entries that differ from the index's go on, through the TMX form.
        if let index = try index() {
            incoming = incoming.filter { entry in
                index.exact(entry.source).map { !Self.keepsTheSame($0, entry) } ?? true
            }
            if incoming.isEmpty { return nil }
        }
        // The entries as the TMX file keeps them, so that they compare with the index's.
        let incomingBytes = incoming.tmx()
        let kept = try TranslationMemory.read(incomingBytes, path: path, source: source, target: target)
        if kept.entries.count == incoming.entries.count, let index = try index(),
            kept.entries.values.allSatisfy({ entry in
                index.exact(entry.source).map { $0.target == entry.target && $0.codes == entry.codes } ?? false
            })
        {
            return nil
        }
        let old = try FileStore.read(try project.contained(relative))
        // A first memory is the harvest alone, as just serialized (a read and rewrite is byte-stable).
        if old == nil { return kept.entries.isEmpty ? nil : (incomingBytes, kept) }
        var memory =
            try old.map { bytes throws(DiagnosticError) in
                try TranslationMemory.read(bytes, path: path, source: source, target: target)
            } ?? TranslationMemory(source: source, target: target)
        memory.merge(kept, replacing: true)
        let bytes = memory.tmx()
        // An empty memory is written only over an existing file.
        guard bytes != old, old != nil || !memory.entries.isEmpty else { return nil }
        return (bytes, memory)
    }

    /// Whether a harvested entry is one the TMX file holds already: the same segments, and codes of the same
    /// kinds (all ``TMXFormat`` keeps of a code besides its id). When unsure it says no, and the TMX form
    /// decides. The same translation seen in another document keeps the document it was recorded with, so the
    /// file does not change as documents are read again.
    private static func keepsTheSame(_ stored: TranslationMemory.Entry, _ entry: TranslationMemory.Entry) -> Bool {
        guard stored.source == entry.source, stored.target == entry.target else { return false }
        return Set(entry.source.codeIDs + entry.target.codeIDs).allSatisfy { id in
            guard let kept = stored.codes[id], let code = entry.codes[id] else { return false }
            return XLIFFInline.ctype(kept.kind) == XLIFFInline.ctype(code.kind)
        }
    }

    /// Keeps the index of a TMX file just written with `bytes`, so that the next lookup need not parse it.
    func keepIndex(of memory: TranslationMemory, bytes: [UInt8]) {
        guard writesCache else { return }
        let hash = FileFingerprint.of(bytes)
        // A cache path refused by the gate only costs the cache: the next lookup reports it.
        _ = try? store(MemoryIndex.build(memory.entries), hash: hash)
        if let file = try? project.contained(relative), let status = FileFingerprint.Status(file),
            let stampPath = try? project.contained(cacheRelative + ".stamp")
        {
            writeStamp(status, hash: hash, checked: FileFingerprint.now(), stampPath: stampPath)
        }
    }

    // MARK: The cache

    private func open() throws(DiagnosticError) -> MemoryIndex? {
        // Refused when a symbolic link on the way leads outside the project.
        let file = try project.contained(relative)
        guard let status = FileFingerprint.Status(file) else { return nil }
        let stampPath = try project.contained(cacheRelative + ".stamp")
        var hash = stampedHash(status, stampPath: stampPath)
        if hash == nil {
            let checked = FileFingerprint.now()
            guard let computed = FileFingerprint.of(path: file) else {
                throw DiagnosticError(Diagnostic(.error, path: path, "cannot read the translation memory"))
            }
            hash = computed
            if writesCache, FileFingerprint.Status(file) == status {
                writeStamp(status, hash: computed, checked: checked, stampPath: stampPath)
            }
        }
        guard let hash else { return nil }
        let indexPath = try self.indexPath(hash)
        if let bytes = MappedBytes(mapping: indexPath), let index = MemoryIndex(bytes) { return index }
        // No index for these bytes yet: the one parse of the TMX file, until it changes.
        guard let tmx = try FileStore.read(file) else { return nil }
        let memory = try TranslationMemory.read(tmx, path: path, source: source, target: target)
        return try store(MemoryIndex.build(memory.entries), hash: FileFingerprint.of(tmx))
    }

    /// The index file for a TMX with this content hash, through the path gate like every project file.
    private func indexPath(_ hash: String) throws(DiagnosticError) -> String {
        try project.contained("\(cacheRelative)-\(hash).index")
    }

    /// Writes an index (and removes the pair's older ones), then maps it; in memory when it cannot be kept.
    @discardableResult
    private func store(_ bytes: [UInt8], hash: String) throws(DiagnosticError) -> MemoryIndex? {
        let path = try indexPath(hash)
        if writesCache, (try? FileStore.writeAtomically(bytes, to: path)) != nil {
            let folder = Path.parent(of: path)
            let name = Path.name(of: cacheRelative) + "-"
            for other in FileStore.files(under: folder)
            where other.hasPrefix(name) && other.hasSuffix(".index") && folder + "/" + other != path {
                FileStore.remove(folder + "/" + other)
            }
            if let mapped = MappedBytes(mapping: path), let index = MemoryIndex(mapped) { return index }
        }
        return MemoryIndex(MappedBytes(copying: bytes))
    }

    /// The hash the stamp gives for a file with this status, when it can be trusted.
    private func stampedHash(_ status: FileFingerprint.Status, stampPath: String) -> String? {
        guard let bytes = FileStore.readIfReadable(stampPath) else { return nil }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ").map(String.init)
        guard fields.count == 3, fields[0] == status.description, let checked = Int64(fields[1]),
            status.modified < checked - 1_000_000_000
        else { return nil }
        return fields[2]
    }

    private func writeStamp(_ status: FileFingerprint.Status, hash: String, checked: Int64, stampPath: String) {
        _ = try? FileStore.writeIfChanged(Array("\(status) \(checked) \(hash)".utf8), to: stampPath)
    }
}
