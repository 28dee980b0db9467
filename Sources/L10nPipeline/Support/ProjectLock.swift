#if canImport(Glibc)
    import Glibc
#endif

/// Serializes the runs that write into a project (extract, build, tm import): an exclusive `flock` on
/// `.ccl10n/lock`. The kernel drops the lock when its process ends, however it ends, so a run killed with
/// SIGKILL never leaves a stale lock behind.
public final class ProjectLock {
    private let descriptor: Int32

    /// Takes the lock, or throws (naming the process that holds it) when another run has it.
    public init(project: Project) throws(DiagnosticError) {
        let path = try project.contained(".ccl10n/lock")
        mkdir(Path.parent(of: path), 0o755)
        // Checked again now that the folder exists (it may have been a dangling link); O_NOFOLLOW refuses a
        // lock file that is a link.
        _ = try project.contained(".ccl10n/lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: path, "cannot open the lock file: \(String(cString: strerror(errno)))"))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, 31)
            close(fd)
            let holder = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: " \n")
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: project.root,
                    "another ccl10n run (process \(holder.isEmpty ? "?" : holder)) is working on this project; try again when it is done"
                ))
        }
        // The caches' writes a killed run left half-done (build and extract clean their own folders).
        FileStore.removeTemporaries(under: Path.parent(of: path))
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
