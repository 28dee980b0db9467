#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a run keeps of each document in a compact cache file, so that the next run skips a document whose
/// files did not change.
///
/// Like git's index, an entry keeps each of the document's files (inputs and outputs alike) as a hash of its
/// bytes and the status it had (inode, size, modification and change times in nanoseconds). A file whose
/// status is as recorded is not read again; any other is read and hashed, and the entry holds only when every
/// hash is as recorded. A write changes the change time, which no tool sets back, and ccl10n replaces files
/// (a new inode), so a file whose status is unchanged holds the same bytes, with one exception: a write in the
/// same clock tick as the status was taken. So a status is kept only for a file whose times are older than
/// the run's start, read from the file system's own clock (a file made in `.ccl10n/` before the first input
/// is looked at); a "racily clean" file is hashed again next time. git compares with the index file's write
/// time instead, which misses a file changed twice within one tick before the index was written.
///
/// The file (`.ccl10n/<name>.cache`, git-ignored, safe to delete) carries the configuration's hash and a
/// checksum: another configuration, another version of ccl10n, a torn or corrupt file are an empty cache,
/// and the run reads everything. It is written without a sync for that reason, to its temporary file as each
/// document is done (the entries of 10,000 documents are not held until the end), and renamed into place by
/// ``save()``. The checksum is made of each entry's hash, so that an entry kept as it was loaded is copied
/// as bytes, neither encoded nor hashed again.
struct RunCache<Value: CacheValue>: Sendable {
    /// The version of the cache and of ccl10n's output: bump it when a change of code changes what a run writes.
    static var formatVersion: String { "ccl10n-cache-5" }

    /// One file of a document as a run found it: the hash of its bytes, and the status under which that hash
    /// holds (nil: not to be trusted, read it again).
    struct FileState: Sendable, Equatable {
        var status: FileFingerprint.Status?
        var hash: UInt64
    }

    /// The files of one document as this run found them, in the order the caller named them.
    struct Files: Sendable {
        var paths: [String]
        var states: [FileState]
        /// The bytes read to hash a file (nil when its status was trusted or it is missing).
        var bytes: [[UInt8]?]
        /// False when a file could not be stated or read (or the path gate refused it): no cache then.
        var complete = true

        /// The bytes read for `path`, when they were.
        func bytes(of path: String) -> [UInt8]? {
            paths.firstIndex(of: path).flatMap { bytes[$0] }
        }

        /// Records that the run leaves `bytes` at `path` (a file it wrote, or found already holding them). A
        /// file found holding them keeps the status it was read under: the next run need not read it again.
        mutating func wrote(_ bytes: [UInt8], at path: String) {
            guard let index = paths.firstIndex(of: path) else { return }
            let hash = FileFingerprint.value(of: bytes)
            let found = self.bytes[index].map { $0 == bytes } ?? (states[index].hash == hash)
            states[index] = FileState(status: found ? states[index].status : nil, hash: hash)
            self.bytes[index] = nil
        }

        /// The same, keeping nothing read (what a result carries to ``RunCache/store(_:for:files:)``).
        var withoutBytes: Files {
            var files = self
            files.bytes = Array(repeating: nil, count: paths.count)
            return files
        }
    }

    private struct Entry: Sendable {
        var states: [FileState]
        /// The value as ``CacheValue/encoded()`` wrote it: decoded only when the entry is used.
        var value: ArraySlice<UInt8>
        /// The entry's bytes in the file, and their hash: what a run copies when it keeps the entry as it was.
        var record: ArraySlice<UInt8>
        var hash: UInt64
    }

    private var entries: [String: Entry] = [:]
    private let project: Project
    /// Where the cache lives; nil when the path gate refused it (`.ccl10n` linked elsewhere): no cache then.
    let path: String?
    /// Why the cache is not used, when the path gate refused it: a warning for the run's report.
    let problem: Diagnostic?
    /// The hash of what decides every document beyond its files (configuration, options, this format).
    private let settings: UInt64
    /// The file system's time when the run started; nil for a run that does not save the cache.
    private let clock: Int64?
    /// The cache file being made: the header (its checksum filled in on saving), then each entry kept; nil
    /// for a run that does not save the cache.
    private let output: StagedFile?
    /// The checksum of the entries kept so far (see ``folded(_:_:)``).
    private var checksum: UInt64 = 0
    private var kept = 0
    /// The body of the file loaded, and the run of its bytes kept as they were but not yet written: entries
    /// kept in a row as loaded are written in one piece, and a run that changed nothing writes nothing.
    private var loaded: ArraySlice<UInt8> = []
    private var copying = 0..<0
    /// Whether any entry's bytes were written.
    private var written = false

    /// The hash of a missing file (a status cannot vouch for a file that is not there: it is looked for again).
    static var absent: UInt64 { 0 }

    /// Loads `.ccl10n/<name>.cache` (`<name>.shard-<i>-of-<n>.cache` for a shard's run) when it was made
    /// under the same `settings`; anything else is an empty cache. With `saves` false (a run that writes
    /// nothing), the clock is not read.
    init(project: Project, name: String, shard: Project.Shard?, settings: [UInt8], saves: Bool = true) {
        self.project = project
        self.settings = FileFingerprint.value(of: Array(Self.formatVersion.utf8) + settings)
        let relative = ".ccl10n/\(name)" + (shard.map { ".shard-\($0)" } ?? "")
        do throws(DiagnosticError) {
            path = try project.contained(relative + ".cache")
            problem = nil
        } catch {
            path = nil
            problem = error.diagnostics.first.map {
                Diagnostic(.warning, path: $0.path, $0.message + " (the run goes on without a cache)")
            }
        }
        clock = saves && path != nil ? Self.fileSystemTime(project: project) : nil
        if let path, let bytes = FileStore.readIfReadable(path),
            let (entries, body) = Self.decode(bytes, settings: self.settings)
        {
            self.entries = entries
            loaded = body
        }
        copying = loaded.startIndex..<loaded.startIndex
        output = clock == nil ? nil : path.flatMap { try? StagedFile(for: $0) }
        var header = ByteWriter()
        header.bytes = Self.magic
        header.integer(self.settings)
        header.integer(UInt64(0))
        output?.append(header.bytes)
        // The JSON cache of earlier versions is no use any more.
        if saves, path != nil, let old = try? project.contained(relative + ".json"), FileStore.exists(old) {
            FileStore.remove(old)
        }
    }

    /// The states of a document's files (`paths`, relative to the project): from the entry for `key` when a
    /// file's status is as recorded there, else from reading and hashing the file.
    func files(_ paths: [String], for key: String) -> Files {
        let known = entries[key].flatMap { $0.states.count == paths.count ? $0.states : nil }
        var files = Files(paths: paths, states: [], bytes: [])
        for (index, relative) in paths.enumerated() {
            guard let (file, checked) = try? project.containedStatus(relative) else {
                files.complete = false
                files.states.append(FileState(status: nil, hash: Self.absent))
                files.bytes.append(nil)
                continue
            }
            // The gate's status, unless the path is a link (to a file inside the project) or a folder.
            var status = checked ?? stat()
            guard checked != nil || stat(file, &status) == 0 else {
                if errno != ENOENT && errno != ENOTDIR { files.complete = false }
                files.states.append(FileState(status: nil, hash: Self.absent))
                files.bytes.append(nil)
                continue
            }
            let now = FileFingerprint.Status(status)
            if let recorded = known?[index], recorded.status == now {
                files.states.append(recorded)
                files.bytes.append(nil)
                continue
            }
            let bytes = (try? FileStore.read(file)) ?? nil
            if bytes == nil { files.complete = false }
            files.states.append(FileState(status: now, hash: bytes.map(FileFingerprint.value(of:)) ?? Self.absent))
            files.bytes.append(bytes)
        }
        return files
    }

    /// The value stored for `key` when every file is as it was when it was stored.
    func value(for key: String, files: Files) -> Value? {
        guard files.complete, let entry = entries[key], entry.states.count == files.states.count,
            zip(entry.states, files.states).allSatisfy({ $0.hash == $1.hash })
        else { return nil }
        return Value(decoding: entry.value)
    }

    /// Keeps the entry of the next document, made from (or leaving) `files` as they are: `value`, or the value
    /// the cache gave when it is nil. Entries are kept in the run's order, as each document is done; one not
    /// kept is dropped (a document that is gone, or that failed). A status not older than the run's start is
    /// not kept: such a file may still change within the same tick of the clock.
    mutating func keep(_ key: String, files: Files, value: Value?) {
        guard files.complete, let clock, let output else { return }
        let states = files.states.map { state in
            FileState(status: state.status.flatMap { $0.modified < clock ? $0 : nil }, hash: state.hash)
        }
        let old = entries[key]
        if value == nil, let old, old.states == states {
            copy(old)
            return
        }
        let encoded: ArraySlice<UInt8>
        if let value {
            encoded = value.encoded()[...]
        } else if let old {
            encoded = old.value
        } else {
            return
        }
        var record = ByteWriter()
        record.string(key)
        record.integer(UInt64(states.count))
        for state in states {
            if let status = state.status {
                record.bytes.append(1)
                record.integer(status.inode)
                record.integer(status.size)
                record.integer(status.modification)
                record.integer(status.change)
            } else {
                record.bytes.append(0)
            }
            record.integer(state.hash)
        }
        record.data(encoded)
        if let old, old.record.elementsEqual(record.bytes) {
            copy(old)
            return
        }
        writeCopied()
        output.append(record.bytes)
        written = true
        checksum = Self.folded(checksum, FileFingerprint.value(of: record.bytes))
        kept += 1
    }

    /// Keeps an entry as it was loaded: its bytes join the run of loaded bytes to copy.
    private mutating func copy(_ entry: Entry) {
        if copying.upperBound != entry.record.startIndex {
            writeCopied()
            copying = entry.record.startIndex..<entry.record.startIndex
        }
        copying = copying.lowerBound..<entry.record.endIndex
        checksum = Self.folded(checksum, entry.hash)
        kept += 1
    }

    /// Writes the run of loaded bytes kept so far.
    private mutating func writeCopied() {
        guard !copying.isEmpty else { return }
        output?.append(loaded[copying])
        written = true
        copying = copying.upperBound..<copying.upperBound
    }

    /// Puts the cache file in place when it differs from the one loaded (without a sync: see the type's
    /// comment); a failure to write only costs speed next time.
    mutating func save() {
        guard let output else { return }
        // The entries loaded, every one, as they were: the same file.
        guard written || copying != loaded.indices || kept != entries.count else {
            output.discard()
            return
        }
        writeCopied()
        output.overwrite(withUnsafeBytes(of: checksum.littleEndian, Array.init), at: headerSize - 8)
        try? output.replace()
    }

    // MARK: The file

    private static var magic: [UInt8] { Array("\(formatVersion)\n".utf8) }

    /// Magic line, settings hash, checksum, then the body: per entry (in the run's order) the key, the file
    /// states (a flag, the status, the hash) and the value's bytes. The checksum folds the hash of each
    /// entry's bytes in turn.
    private var headerSize: Int { Self.magic.count + 16 }

    /// The checksum after one more entry whose bytes hash to `entry`.
    private static func folded(_ checksum: UInt64, _ entry: UInt64) -> UInt64 {
        (checksum ^ entry) &* 0x0000_0100_0000_01b3
    }

    /// The entries of a cache file made under `settings`, and its body; nil when it is another version's,
    /// another configuration's, or damaged in any way.
    private static func decode(_ bytes: [UInt8], settings: UInt64) -> ([String: Entry], ArraySlice<UInt8>)? {
        let magic = Self.magic
        guard bytes.starts(with: magic) else { return nil }
        var header = ByteReader(bytes[magic.count...])
        guard header.integer() == settings, let checksum = header.integer() else { return nil }
        let body = bytes[header.offset...]
        var reader = ByteReader(body)
        var entries: [String: Entry] = [:]
        var folded: UInt64 = 0
        while !reader.isAtEnd {
            let start = reader.offset
            guard let key = reader.string(), let states = Self.states(&reader), let value = reader.data() else {
                return nil
            }
            let record = body[start..<reader.offset]
            let hash = FileFingerprint.value(of: record)
            folded = Self.folded(folded, hash)
            entries[key] = Entry(states: states, value: value, record: record, hash: hash)
        }
        guard folded == checksum else { return nil }
        return (entries, body)
    }

    private static func states(_ reader: inout ByteReader) -> [FileState]? {
        guard let count = reader.integer(), count < 1024 else { return nil }
        var states: [FileState] = []
        for _ in 0..<count {
            var status: FileFingerprint.Status?
            switch reader.byte() {
            case 0: status = nil
            case 1:
                guard let inode = reader.integer(), let size = reader.signed(), let modification = reader.signed(),
                    let change = reader.signed()
                else { return nil }
                status = FileFingerprint.Status(inode: inode, size: size, modification: modification, change: change)
            default: return nil
            }
            guard let hash = reader.integer() else { return nil }
            states.append(FileState(status: status, hash: hash))
        }
        return states
    }

    /// The file system's current time: the times of a file made now in `.ccl10n/` (same clock and
    /// granularity as every file's times). Nil when it cannot be made: then no status is kept.
    private static func fileSystemTime(project: Project) -> Int64? {
        guard let path = try? project.contained(".ccl10n/\(FileStore.temporaryPrefix)\(getpid())-clock") else {
            return nil
        }
        unlink(path)
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == ENOENT {
            try? FileStore.makeFolder(Path.parent(of: path))
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { return nil }
        defer {
            close(fd)
            unlink(path)
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        return FileFingerprint.Status(status).modified
    }
}

/// A value a ``RunCache`` keeps, as bytes.
protocol CacheValue: Sendable {
    func encoded() -> [UInt8]
    /// Nil when the bytes are not a value of this type.
    init?(decoding bytes: ArraySlice<UInt8>)
}

extension Int: CacheValue {
    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.integer(Int64(self))
        return writer.bytes
    }

    init?(decoding bytes: ArraySlice<UInt8>) {
        var reader = ByteReader(bytes)
        guard let value = reader.signed(), reader.isAtEnd else { return nil }
        self = Int(value)
    }
}
