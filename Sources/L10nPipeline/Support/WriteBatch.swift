internal import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Files written together and made durable together: each is written to a temporary file beside its place,
/// then one `syncfs` per filesystem makes all of them durable, then each is renamed into place and the
/// folders whose entries changed are synced.
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
        if let old = try FileStore.read(path), old == bytes { return false }
        try stage(bytes, to: path)
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
        if durable {
            var devices: Set<UInt64> = []
            for folder in folders {
                var status = stat()
                guard fstat(folder.fd, &status) == 0, devices.insert(UInt64(status.st_dev)).inserted else { continue }
                if Self.syncFilesystem(folder.fd) != 0 {
                    let failure = String(cString: strerror(errno))
                    for temporary in temporaries.values { unlink(temporary) }
                    return order.map { Diagnostic(.error, .environment, path: $0, "cannot write: \(failure)") }
                }
            }
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
