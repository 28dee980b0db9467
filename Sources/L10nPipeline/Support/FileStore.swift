internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes the project's files: whole-file reads, atomic writes, sorted directory walks.
public enum FileStore {
    /// Whether each file is flushed to disk before it is renamed into place. A rename is atomic for the
    /// process either way (a killed run leaves old or new files); flushing each one also orders data before
    /// the rename on disk, against a power cut mid-run. Off only for measuring its cost (CCL10N_NO_FSYNC=1).
    static let flushEachFile = getenv("CCL10N_NO_FSYNC") == nil

    /// The largest file ccl10n reads into memory (XLIFF and content alike).
    public static let maximumFileSize = InputLimits.maximumFileSize

    /// A regular file opened for reading, with its status; nil when it does not exist. O_NONBLOCK: opening a
    /// FIFO waits for a writer that may never come; it is refused instead.
    private static func openRegular(_ path: String) throws(DiagnosticError) -> (Int32, stat)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: path, "cannot read the file: \(String(cString: strerror(errno)))"))
        }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw DiagnosticError(
                Diagnostic(.error, .environment, path: path, "cannot read the file: not a regular file"))
        }
        return (fd, status)
    }

    /// The bytes of a file, or nil when it does not exist: one open, one fstat and the reads (no
    /// FileManager round trips, which cost more than the read on a no-change run over thousands of files).
    static func read(_ path: String) throws(DiagnosticError) -> [UInt8]? {
        guard let (fd, status) = try openRegular(path) else { return nil }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, 0)
        let size = Int(status.st_size)
        if size > maximumFileSize {
            throw DiagnosticError(
                Diagnostic(.error, path: path, "file is \(size) bytes, larger than the \(maximumFileSize)-byte limit"))
        }
        // One spare byte: reading goes on to end of file, not to the size fstat gave (a file may grow).
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            // The buffer is never empty here (it was just grown), so it has an address.
            let count = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { readDescriptor(fd, $0 + filled, buffer.count - filled) } ?? 0
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw DiagnosticError(
                    Diagnostic(
                        .error, .environment, path: path, "cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { break }
            filled += count
            if filled > maximumFileSize {
                throw DiagnosticError(
                    Diagnostic(.error, path: path, "file is larger than the \(maximumFileSize)-byte limit"))
            }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Bytes a caller already read from `path` (to key the cache), or else the file's, so that a file is read
    /// once per run; when the first read failed, this one reports why.
    static func read(_ path: String, unlessGiven given: [UInt8]?) throws(DiagnosticError) -> [UInt8]? {
        if let given { return given }
        return try read(path)
    }

    /// The bytes of a file, or nil when it is missing or cannot be read: for cache keys and caches, where a
    /// failure only costs a rebuild (and the rebuild reads again and reports it).
    static func readIfReadable(_ path: String) -> [UInt8]? {
        (try? read(path)) ?? nil
    }

    /// Writes a file atomically (temporary file in the same folder, flushed, then renamed over the old one),
    /// creating its folder; a crash leaves either the old file or the new one, never a mix. Many files written
    /// together go through a ``WriteBatch`` instead, which flushes them all with one sync. `flush` false is for
    /// caches that check themselves (a torn one is found out and ignored).
    static func writeAtomically(_ bytes: [UInt8], to path: String, flush: Bool = flushEachFile)
        throws(DiagnosticError)
    {
        let temporary = try writeTemporary(bytes, for: path, flush: flush)
        if rename(temporary, path) != 0 {
            let failure = String(cString: strerror(errno))
            unlink(temporary)
            throw DiagnosticError(Diagnostic(.error, .environment, path: path, "cannot write: \(failure)"))
        }
    }

    /// Writes `bytes` to a new temporary file beside `path` (creating the folder), flushed to disk with
    /// `fsync` when `flush` says so, and returns the temporary file's path; on failure nothing is left. A file
    /// larger than any reader takes is not written: the project would be stuck with it.
    static func writeTemporary(_ bytes: [UInt8], for path: String, flush: Bool) throws(DiagnosticError) -> String {
        guard bytes.count <= maximumFileSize else {
            throw DiagnosticError(
                Diagnostic(
                    .error, path: path,
                    "not written: it would be \(bytes.count) bytes, "
                        + "over the \(maximumFileSize)-byte limit of every reader"))
        }
        let (fd, temporary) = try createTemporary(for: path)
        var failure = bytes.withUnsafeBytes { writeAll(fd, $0) }
        if failure == nil, flush, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw DiagnosticError(Diagnostic(.error, .environment, path: path, "cannot write: \(failure)"))
        }
        return temporary
    }

    /// Creates (or truncates) the temporary file beside `path` that this process writes it through
    /// (`.ccl10n-tmp-<pid>-<name>`), making the folder when it is missing; returns its descriptor and path.
    static func createTemporary(for path: String) throws(DiagnosticError) -> (fd: Int32, path: String) {
        let folder = Path.parent(of: path)
        let temporary = folder + "/" + temporaryPrefix + "\(getpid())-" + Path.name(of: path)
        var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        // The folder is made only when missing: checking it first costs more than the write.
        if fd < 0, errno == ENOENT {
            try makeFolder(folder)
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw DiagnosticError(
                Diagnostic(.error, .environment, path: temporary, "cannot create: \(String(cString: strerror(errno)))"))
        }
        return (fd, temporary)
    }

    /// Writes all of `buffer` to `fd` (again after an interruption); the system's reason when it cannot.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        guard let base = buffer.baseAddress else { return nil }  // nothing to write
        var written = 0
        while written < buffer.count {
            let n = write(fd, base + written, buffer.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }

    /// Creates a folder and the folders above it that are missing, naming the system's reason when it cannot
    /// (`mkdir -p`; FileManager's error would reach the user as a raw CocoaError).
    static func makeFolder(_ folder: String) throws(DiagnosticError) {
        if isDirectory(folder) { return }
        let parent = Path.parent(of: folder)
        if parent != folder, parent != "/", parent != "." { try makeFolder(parent) }
        if mkdir(folder, 0o755) != 0, errno != EEXIST || !isDirectory(folder) {
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: folder,
                    "cannot create the folder: \(String(cString: strerror(errno)))"))
        }
    }

    /// How the temporary file of a write in progress is named: `.ccl10n-tmp-<pid>-<name>`.
    static let temporaryPrefix = ".ccl10n-tmp-"

    /// Removes the temporary files below a folder that a killed run left behind (its rename never came). Only
    /// for a caller holding the project lock: then no other run is writing there.
    static func removeTemporaries(under folder: String) {
        _ = filesRemovingTemporaries(under: folder)
    }

    /// ``removeTemporaries(under:)``, and the files that are not hidden below the folder, unsorted: one walk
    /// for a run that needs both.
    static func filesRemovingTemporaries(under folder: String) -> [String] {
        var files: [String] = []
        walk(folder, hidden: true) { relative, hidden in
            if !hidden {
                files.append(relative)
            } else if Path.name(of: relative).hasPrefix(temporaryPrefix) {
                unlink(folder + "/" + relative)
            }
        }
        return files
    }

    /// Calls `visit` with every regular file below a folder (its path relative to the folder, and whether a
    /// part of that path is hidden), hidden ones only when `hidden` says so. Symbolic links are not followed:
    /// nothing outside the folder is listed. Reads each folder with `readdir`, whose entry types spare an
    /// `lstat` per file on the file systems that give them.
    static func walk(_ root: String, hidden: Bool, _ visit: (String, Bool) -> Void) {
        func walk(_ relative: String, isHidden: Bool) {
            guard let stream = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
                }
                guard name != ".", name != ".." else { continue }
                let hiddenName = isHidden || name.hasPrefix(".")
                guard hidden || !hiddenName else { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(root + "/" + child, &status) == 0 else { continue }
                    type =
                        (status.st_mode & S_IFMT) == S_IFDIR
                        ? Int32(DT_DIR) : (status.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
                }
                if type == Int32(DT_DIR) {
                    walk(child, isHidden: hiddenName)
                } else if type == Int32(DT_REG) {
                    visit(child, hiddenName)
                }
            }
        }
        walk("", isHidden: false)
    }

    /// Whether the file at `path` holds exactly `bytes` (false when it does not exist): compared a block at a
    /// time, after the sizes, so that checking a big file (a manifest of 10,000 documents) costs no copy of it.
    static func holds(_ bytes: [UInt8], at path: String) throws(DiagnosticError) -> Bool {
        guard let (fd, status) = try openRegular(path) else { return false }
        defer { close(fd) }
        guard Int(status.st_size) == bytes.count else { return false }
        _ = fcntl(fd, F_SETFL, 0)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let count = block.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { readDescriptor(fd, $0, buffer.count) } ?? 0
            }
            if count < 0, errno == EINTR { continue }
            if count < 0 {
                throw DiagnosticError(
                    Diagnostic(
                        .error, .environment, path: path,
                        "cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { return offset == bytes.count }
            guard offset + count <= bytes.count, bytes[offset..<offset + count].elementsEqual(block[..<count]) else {
                return false
            }
            offset += count
        }
    }

    /// Writes the file only when its bytes differ; returns whether it wrote.
    static func writeIfChanged(_ bytes: [UInt8], to path: String) throws(DiagnosticError) -> Bool {
        if try holds(bytes, at: path) { return false }
        try writeAtomically(bytes, to: path)
        return true
    }

    /// The regular files below a folder, as paths relative to it, sorted; hidden files and folders and
    /// symbolic links are skipped.
    static func files(under root: String) -> [String] {
        var result: [String] = []
        walk(root, hidden: false) { relative, _ in result.append(relative) }
        return result.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }
}

/// Path arithmetic on plain strings (FoundationEssentials has no NSString).
enum Path {
    /// The folder part of a path: `a/b/c.md` → `a/b`.
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path: `a/b/c.md` → `c.md`.
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The extension of a path's last component, lowercased: `a/Page.MD` → `md` (the name when it has no dot).
    static func fileExtension(of path: String) -> String {
        let bytes = path.utf8
        // By characters, where a dot may carry a combining mark; byte by byte for the ASCII paths of every run.
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(path.split(separator: ".").last ?? "").lowercased()
        }
        // The last part between dots that is not empty: trailing dots are skipped, as the split skips them.
        let dot = UInt8(ascii: ".")
        guard let last = bytes.lastIndex(where: { $0 != dot }) else { return "" }
        let end = bytes.index(after: last)
        let start = bytes[..<end].lastIndex(of: dot).map(bytes.index(after:)) ?? bytes.startIndex
        return String(path[start..<end]).lowercased()
    }

    /// Whether a relative path stays inside its base: no `..` component, not absolute.
    static func staysInside(_ relative: String) -> Bool {
        // Byte by byte: the gate runs on every file of every run.
        guard relative.utf8.first != UInt8(ascii: "/") else { return false }
        var length = 0
        var dots = 0
        for byte in relative.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 2, dots == 2 { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length == 2 && dots == 2)
    }
}

extension FileStore {
    /// The path with every symbolic link resolved, or nil when it does not exist. Wraps `realpath`.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether a file or folder exists (a dangling symbolic link counts).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Deletes a file, ignoring one that is already gone.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// `read(2)`, under a name the `FileStore.read` member does not shadow.
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
