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
        let folder = project.absolute(".ccl10n")
        let path = folder + "/lock"
        mkdir(folder, 0o755)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DiagnosticError(Diagnostic(.error, path: path, "cannot open the lock file: \(String(cString: strerror(errno)))"))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, 31)
            close(fd)
            let holder = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: " \n")
            throw DiagnosticError(Diagnostic(.error, path: project.root,
                "another ccl10n run (process \(holder.isEmpty ? "?" : holder)) is working on this project; try again when it is done"))
        }
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
