import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The project's folders, each resolved and opened once per run and shared by every copy of the project (the
/// path gate runs on every worker). A folder replaced by a link in the middle of a run is not seen again until
/// the next run; the gate's check and the open that follows are two steps anyway.
final class FolderCache: Sendable {
    /// A folder as the gate resolved it: its real path, and a descriptor of it for looking up its entries by
    /// name, without walking the whole path again (nil past the first ``maximumOpen`` folders).
    struct Folder: Sendable {
        let real: String
        let descriptor: Int32?
    }

    /// The most folders kept open at once: a project of more folders is looked up by whole paths past them.
    let maximumOpen: Int

    private let resolved = Mutex<(folders: [String: Folder], open: Int)>(([:], 0))

    init(maximumOpen: Int = FolderCache.defaultMaximumOpen) {
        self.maximumOpen = maximumOpen
    }

    /// A quarter of the descriptors the process may have open (256 under the usual limit of 1,024): the rest
    /// are the run's, which reads files on every worker and commits a build with a descriptor per folder.
    static var defaultMaximumOpen: Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 64 }
        return Int(clamping: min(limit.rlim_cur, 1 << 16) / 4)
    }

    deinit {
        resolved.withLock { state in
            for descriptor in state.folders.values.compactMap(\.descriptor) { close(descriptor) }
        }
    }

    /// The folder with every symbolic link resolved (nil when it does not exist); wraps `realpath`.
    func realPath(_ folder: String) -> String? {
        self.folder(folder)?.real
    }

    /// The folder at `path`, resolved and opened on first use; nil when it does not exist (not remembered: it
    /// may be made later in the run).
    func folder(_ path: String) -> Folder? {
        if let known = resolved.withLock({ $0.folders[path] }) { return known }
        guard let real = FileStore.realPath(path) else { return nil }
        // A folder that cannot be opened (no permission to read it) is looked up by whole paths.
        let opened = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return resolved.withLock { state in
            if let known = state.folders[path] {
                if opened >= 0 { close(opened) }
                return known
            }
            var descriptor: Int32?
            if opened >= 0, state.open < maximumOpen {
                descriptor = opened
                state.open += 1
            } else if opened >= 0 {
                close(opened)
            }
            let folder = Folder(real: real, descriptor: descriptor)
            state.folders[path] = folder
            return folder
        }
    }
}

extension FolderCache.Folder {
    /// The status of the entry `name` of the folder, a symbolic link not followed; nil when there is none or
    /// the folder is not kept open. Wraps `fstatat` with `AT_SYMLINK_NOFOLLOW`.
    func status(of name: String) -> stat? {
        guard let descriptor, !name.isEmpty else { return nil }
        var status = stat()
        return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 ? status : nil
    }
}
