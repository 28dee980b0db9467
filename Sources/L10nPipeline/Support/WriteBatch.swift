internal import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Files written together and made durable together: each is written to a temporary file beside its place,
/// then one `syncfs` per filesystem makes all of them durable (an `fsync` each for a few files), then each is
/// renamed into place and the folders whose entries changed are synced.
///
/// A run killed at any moment leaves each file old or new (a rename is atomic), and since every file's data
/// is on disk before any name changes, a power cut cannot leave a renamed file empty either. One sync for
/// the whole run replaces one `fsync` per file, which cost more than the rest of a cold run (git's
/// `core.fsyncMethod=batch` makes the same trade). Workers may stage files from several threads at once.
final class WriteBatch: Sendable {
    private struct State {
        /// The temporary file of each staged path, and the paths in the order they were staged.
        var temporaries: [String: String] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())

    /// Whether the batch syncs at all (off only for measuring its cost, like ``FileStore/flushEachFile``).
    let durable: Bool

    init(durable: Bool = FileStore.flushEachFile) {
        self.durable = durable
    }

    deinit {
        // Files staged but never committed (a run that stopped on an error) leave nothing behind.
        state.withLock { state in
            for path in state.order { if let temporary = state.temporaries[path] { unlink(temporary) } }
        }
    }

    /// Writes `bytes` to a temporary file that ``commit()`` renames to `path`, creating the folder; staging a
    /// path again replaces what was staged for it.
    func stage(_ bytes: [UInt8], to path: String) throws(DiagnosticError) {
        let temporary = try FileStore.writeTemporary(bytes, for: path, flush: false)
        state.withLock { state in
            if state.temporaries.updateValue(temporary, forKey: path) == nil { state.order.append(path) }
        }
    }

    /// Stages `bytes` only when the file at `path` holds other bytes; returns whether it staged.
    func stageIfChanged(_ bytes: [UInt8], to path: String) throws(DiagnosticError) -> Bool {
        if try FileStore.holds(bytes, at: path) { return false }
        try stage(bytes, to: path)
        return true
    }

    /// Takes a file written piece by piece: once closed, it is renamed with the others by ``commit()``.
    func stage(_ file: StagedFile) throws(DiagnosticError) {
        try file.close()
        file.settle()
        state.withLock { state in
            if state.temporaries.updateValue(file.temporary, forKey: file.path) == nil { state.order.append(file.path) }
        }
    }

    /// Stages a file made `comparing` only when the file at its path holds other bytes (else it is removed);
    /// returns whether it staged.
    func stageIfChanged(_ file: StagedFile) throws(DiagnosticError) -> Bool {
        try file.close()
        if file.isUnchanged {
            file.discard()
            return false
        }
        try stage(file)
        return true
    }

    /// Makes every staged file durable, renames each into place, then syncs the folders. When the sync fails
    /// nothing is renamed: every file keeps its old version. Returns the problems, with the file they hit.
    func commit() -> [Diagnostic] {
        let (order, temporaries) = state.withLock { state in
            defer { state = State() }
            return (state.order, state.temporaries)
        }
        guard !order.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        // One descriptor per folder: to find its filesystem, then to sync its entries after the renames.
        var folders: [(path: String, fd: Int32)] = []
        defer { for folder in folders { close(folder.fd) } }
        var seen: Set<String> = []
        for path in order where seen.insert(Path.parent(of: path)).inserted {
            let folder = Path.parent(of: path)
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { folders.append((folder, fd)) }
        }
        if durable, let failure = Self.flush(order.compactMap { temporaries[$0] }, folders: folders.map(\.fd)) {
            for temporary in temporaries.values { unlink(temporary) }
            return order.map { Diagnostic(.error, .environment, path: $0, "cannot write: \(failure)") }
        }
        for path in order {
            guard let temporary = temporaries[path] else { continue }
            if rename(temporary, path) != 0 {
                diagnostics.append(
                    Diagnostic(.error, .environment, path: path, "cannot write: \(String(cString: strerror(errno)))"))
                unlink(temporary)
            }
        }
        for folder in folders {
            if durable, fsync(folder.fd) != 0 {
                diagnostics.append(
                    Diagnostic(
                        .error, .environment, path: folder.path,
                        "cannot sync the folder: \(String(cString: strerror(errno)))"))
            }
        }
        return diagnostics
    }

    /// The most files flushed one by one; a bigger batch syncs each filesystem once.
    static let fileByFileLimit = 32

    /// Makes the temporary files durable: a few (an incremental run's) each with `fsync`, which waits for
    /// their own data only; many with one `syncfs` per filesystem, which also waits for every other process's
    /// dirty data there (seconds on a machine that builds). Returns the failure, if any.
    private static func flush(_ temporaries: [String], folders: [Int32]) -> String? {
        if temporaries.count <= fileByFileLimit {
            for temporary in temporaries {
                let fd = open(temporary, O_RDONLY | O_CLOEXEC)
                guard fd >= 0, fsync(fd) == 0 else {
                    let failure = String(cString: strerror(errno))
                    if fd >= 0 { close(fd) }
                    return failure
                }
                close(fd)
            }
            return nil
        }
        var devices: Set<UInt64> = []
        for folder in folders {
            var status = stat()
            guard fstat(folder, &status) == 0, devices.insert(UInt64(status.st_dev)).inserted else { continue }
            if syncFilesystem(folder) != 0 { return String(cString: strerror(errno)) }
        }
        return nil
    }

    /// `syncfs(2)`: writes out and waits for every dirty page and inode of the filesystem holding `fd`. Looked
    /// up at run time, since Glibc's Swift module leaves the GNU extensions out; without it, `sync(2)`.
    static func syncFilesystem(_ fd: Int32) -> Int32 {
        guard let syncfs = syncfsFunction else {
            sync()
            return 0
        }
        return syncfs(fd)
    }

    private static let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
        // RTLD_DEFAULT: the symbol as the program's libraries resolve it.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
}

/// A file written piece by piece, as a run makes it, to a temporary file beside its place: what a run
/// writes at the end (the manifest, a run cache) is not held in memory until then. Only the finished file
/// takes the place of the old one (``WriteBatch/stage(_:)``, or ``replace()``); a run that stops or is killed
/// before leaves the old file as it was, and its temporary file is removed (by the next run, under the project
/// lock, when the run was killed). Appends come from one thread at a time (a run's reduction, in order).
final class StagedFile: Sendable {
    /// Where the file goes, and the temporary file it is written to meanwhile (`.ccl10n-tmp-<pid>-<name>`).
    let path: String
    let temporary: String

    private struct State {
        var fd: Int32
        /// Bytes not yet written: written a block at a time.
        var pending: [UInt8] = []
        var size = 0
        var failure: String?
        /// The file already at `path`, read along as the new bytes are written: whether they are the same.
        var existing: Int32
        var same: Bool
        /// Whether the temporary file was renamed or handed to a batch (or removed): nothing left to clean.
        var settled = false
    }

    private let state: Mutex<State>
    private static var blockSize: Int { 1 << 16 }

    /// Creates the temporary file (and the folder); with `comparing`, the new bytes are compared with those
    /// of the file at `path` as they are written (see ``isUnchanged``).
    init(for path: String, comparing: Bool = false) throws(DiagnosticError) {
        self.path = path
        let (fd, temporary) = try FileStore.createTemporary(for: path)
        self.temporary = temporary
        let existing = comparing ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1
        state = Mutex(State(fd: fd, existing: existing, same: existing >= 0))
    }

    deinit {
        state.withLock { state in
            Self.closeFiles(&state)
            if !state.settled { unlink(temporary) }
        }
    }

    /// Adds bytes at the end of the file; a piece of a block or more is written as it is, not copied.
    func append(_ bytes: some Collection<UInt8>) {
        state.withLock { state in
            if bytes.count >= Self.blockSize {
                let done = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
                    Self.flush(&state)
                    Self.writeOut(UnsafeRawBufferPointer(buffer), &state)
                    return true
                }
                if done == true { return }
            }
            state.pending.append(contentsOf: bytes)
            if state.pending.count >= Self.blockSize { Self.flush(&state) }
        }
    }

    /// How many bytes were appended.
    var size: Int { state.withLock { $0.size + $0.pending.count } }

    /// Writes `bytes` over those at `offset`, which were appended before (a header completed at the end).
    func overwrite(_ bytes: [UInt8], at offset: Int) {
        state.withLock { state in
            Self.flush(&state)
            guard state.failure == nil else { return }
            let written = bytes.withUnsafeBytes { pwrite(state.fd, $0.baseAddress, $0.count, off_t(offset)) }
            if written != bytes.count { state.failure = String(cString: strerror(errno)) }
            state.same = false
        }
    }

    /// Writes what is pending and closes the file; throws when a write failed or the file is larger than any
    /// reader takes (it is then removed).
    func close() throws(DiagnosticError) {
        let (size, failure) = state.withLock { state in
            Self.flush(&state)
            Self.closeFiles(&state)
            return (state.size, state.failure)
        }
        if let failure { throw discarding("cannot write: \(failure)") }
        if size > FileStore.maximumFileSize {
            throw discarding(
                "not written: it would be \(size) bytes, over the \(FileStore.maximumFileSize)-byte limit of every reader"
            )
        }
    }

    /// After ``close()`` of a file made `comparing`: whether the file at `path` holds the same bytes.
    var isUnchanged: Bool { state.withLock { $0.same } }

    /// Removes the temporary file: the old file stays.
    func discard() {
        state.withLock { state in
            Self.closeFiles(&state)
            if !state.settled { unlink(temporary) }
            state.settled = true
        }
    }

    /// Closes the file and renames it into place, without a sync (for files that check themselves, like the
    /// run caches: a torn one is found out and ignored).
    func replace() throws(DiagnosticError) {
        try close()
        let failure = state.withLock { state -> String? in
            state.settled = true
            guard rename(temporary, path) != 0 else { return nil }
            unlink(temporary)
            return String(cString: strerror(errno))
        }
        if let failure {
            throw DiagnosticError(Diagnostic(.error, .environment, path: path, "cannot write: \(failure)"))
        }
    }

    /// Hands the temporary file to a batch, which renames it (or removes it).
    fileprivate func settle() {
        state.withLock { $0.settled = true }
    }

    private func discarding(_ message: String) -> DiagnosticError {
        discard()
        return DiagnosticError(Diagnostic(.error, .environment, path: path, message))
    }

    private static func flush(_ state: inout State) {
        guard !state.pending.isEmpty else { return }
        state.pending.withUnsafeBytes { writeOut($0, &state) }
        state.pending.removeAll(keepingCapacity: true)
    }

    /// Writes `buffer` at the end of the file, and reads as much of the old file to compare.
    private static func writeOut(_ buffer: UnsafeRawBufferPointer, _ state: inout State) {
        guard buffer.baseAddress != nil, state.fd >= 0 else { return }
        if state.failure == nil { state.failure = FileStore.writeAll(state.fd, buffer) }
        if state.same { state.same = matches(buffer, in: state.existing) }
        state.size += buffer.count
    }

    /// Whether the next bytes read from `fd` are those of `bytes`.
    private static func matches(_ bytes: UnsafeRawBufferPointer, in fd: Int32) -> Bool {
        guard let source = bytes.baseAddress else { return true }
        var block = [UInt8](repeating: 0, count: min(bytes.count, blockSize))
        var compared = 0
        while compared < bytes.count {
            let wanted = min(block.count, bytes.count - compared)
            let count = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, wanted) }
            if count < 0, errno == EINTR { continue }
            guard count > 0,
                block.withUnsafeBytes({ $0.baseAddress.map { memcmp($0, source + compared, count) == 0 } ?? false })
            else { return false }
            compared += count
        }
        return true
    }

    private static func closeFiles(_ state: inout State) {
        if state.fd >= 0 {
            closeDescriptor(state.fd)
            state.fd = -1
        }
        if state.existing >= 0 {
            // The same only when the old file ends where the new one does.
            if state.same {
                var byte: UInt8 = 0
                state.same = read(state.existing, &byte, 1) == 0
            }
            closeDescriptor(state.existing)
            state.existing = -1
        }
    }
}

/// `close(2)`, out of reach of the methods named `close`.
private func closeDescriptor(_ fd: Int32) {
    close(fd)
}
