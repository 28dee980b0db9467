#if canImport(Glibc)
    import Glibc
#endif

/// A content project on disk: its root folder, its configuration, and where each file of it lives.
public struct Project: Sendable {
    /// A source document found in one of the source roots.
    public struct DocumentRef: Sendable, Hashable {
        public var root: ProjectConfig.SourceRoot
        /// The path inside the root (`news/week-of-rare-cancers.md`).
        public var path: String

        /// The format the document is read in, by its extension.
        let format: any ContentFormat.Type

        /// The path from the project folder (`Sources-EN/news/week-of-rare-cancers.md`): the document's key.
        public var projectPath: String { "\(root.path)/\(path)" }

        // The format follows from the path.
        public static func == (left: DocumentRef, right: DocumentRef) -> Bool {
            left.root == right.root && left.path == right.path
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(root)
            hasher.combine(path)
        }
    }

    public let root: String
    /// The root with every symbolic link resolved: what every file of the project must stay inside.
    let realRoot: String
    /// The project's folders resolved so far by the path gate.
    private let resolvedFolders = FolderCache()
    public let config: ProjectConfig
    /// Warnings from reading the configuration.
    public let warnings: [Diagnostic]

    static let configName = "ccl10n.yml"

    /// Opens the project at `root`, reading `ccl10n.yml` when there is one. A folder with neither a
    /// `ccl10n.yml` nor one of the configured source folders is not a project, and is refused before anything
    /// is written there (`--root /` by mistake).
    public init(root: String) throws(DiagnosticError) {
        guard FileStore.isDirectory(root), let realRoot = FileStore.realPath(root) else {
            throw DiagnosticError(Diagnostic(.error, .environment, path: root, "the project folder does not exist"))
        }
        self.root = root
        self.realRoot = realRoot
        let configPath = try Self.contained(Self.configName, root: root, realRoot: realRoot)
        if let bytes = try FileStore.read(configPath) {
            (config, warnings) = try ProjectConfig.parse(bytes, path: configPath)
        } else {
            config = .standard
            warnings = []
            guard config.sources.contains(where: { FileStore.exists(root + "/" + $0.path) }) else {
                let folders = config.sources.map(\.path).joined(separator: " or ")
                throw DiagnosticError(
                    Diagnostic(
                        .error, .environment, path: root,
                        "not a ccl10n project: there is no \(Self.configName) and no \(folders) here (ccl10n init makes one)"
                    ))
            }
        }
    }

    /// Every document of every source root (a file of one of ``ContentFormats/all``), sorted by root then path.
    /// A source root that leads outside the project is left out (``sourceRootProblems()`` says so).
    public func documents() -> [DocumentRef] {
        config.sources.flatMap { source -> [DocumentRef] in
            guard let folder = try? contained(source.path) else { return [] }
            return FileStore.files(under: folder).compactMap { path in
                ContentFormats.format(ofPath: path).map { DocumentRef(root: source, path: path, format: $0) }
            }
        }
    }

    /// Reads a source document with the reader for its format; nil when it is gone.
    public func load(_ document: DocumentRef, bytes prefetched: [UInt8]? = nil) throws(DiagnosticError)
        -> SourceDocument?
    {
        let path = sourcePath(document)
        let file = try contained(document.projectPath)
        guard let bytes = try FileStore.read(file, unlessGiven: prefetched) else { return nil }
        return try document.format.init(config: config).read(bytes, path: path, locale: document.root.locale)
    }

    /// A slice of the documents for one of `count` runs side by side (a CI matrix, a batch scheduler): the
    /// documents whose path hashes to `index` (1-based). Every document is in exactly one shard, always the same.
    public struct Shard: Sendable, Hashable, CustomStringConvertible {
        public var index: Int
        public var count: Int

        /// Reads `i/n`, with 1 ≤ i ≤ n.
        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
                (1...count).contains(index)
            else { return nil }
            self.index = index
            self.count = count
        }

        func contains(_ document: DocumentRef) -> Bool {
            Int(ContentHash.fnv1a(document.projectPath.utf8) % UInt64(count)) == index - 1
        }

        public var description: String { "\(index)-of-\(count)" }
    }

    /// The documents of one shard (all of them without one), and the collisions found among all documents;
    /// the tree is walked once.
    public func documents(in shard: Shard?) -> (documents: [DocumentRef], collisions: [Diagnostic]) {
        let all = documents()
        return (shard.map { shard in all.filter(shard.contains) } ?? all, sourceRootProblems() + collisions(all))
    }

    /// The locales a document is translated into: every target but its own.
    public func targets(of document: DocumentRef) -> [LocaleTag] {
        config.targets.filter { $0 != document.root.locale }
    }

    public func sourcePath(_ document: DocumentRef) -> String { "\(root)/\(document.projectPath)" }

    /// `Locales/<locale>/<path>.xlf`, relative to the project root.
    public func xliffPath(_ document: DocumentRef, _ locale: LocaleTag) -> String {
        "Locales/\(locale.tag)/\(document.path).xlf"
    }

    /// Where build writes a document in a locale, relative to the project root: `Bundles/<locale>/<path>`, or
    /// where the configured site layout puts it.
    public func bundlePath(_ document: DocumentRef, _ locale: LocaleTag) -> String {
        config.layout.path(of: document.path, in: locale)
    }

    /// How a project file is named in messages: the root and the relative path. Never opened as such: files
    /// are reached through ``contained(_:)``.
    public func absolute(_ relative: String) -> String { root + "/" + relative }

    /// The path gate: the only way from a project path (`Locales/nl/a.md.xlf`) to a file path that is read,
    /// written or deleted (lock and caches included). Refused when the path climbs out with `..`, or when a
    /// symbolic link on the way (or the file itself) leads outside the project.
    public func contained(_ relative: String) throws(DiagnosticError) -> String {
        try containedStatus(relative).path
    }

    /// ``contained(_:)``, and the file's status when it is a file that exists and is no symbolic link (the
    /// gate's own `fstatat` or `lstat`): one system call per file for the run caches, which check every file of
    /// every run.
    func containedStatus(_ relative: String) throws(DiagnosticError) -> (path: String, status: stat?) {
        let path = root + "/" + relative
        // Most paths name an entry that exists, no link, in a folder the gate has resolved inside the project:
        // that is one `fstatat` of the name in the opened folder, not a walk of the whole path.
        if Path.staysInside(relative), let folder = resolvedFolders.folder(Path.parent(of: path)),
            Self.isInside(folder.real, realRoot), let status = folder.status(of: Path.name(of: path)),
            (status.st_mode & S_IFMT) != S_IFLNK
        {
            return (path, status)
        }
        var found: stat?
        _ = try Self.contained(
            relative, root: root, realRoot: realRoot, resolveFolder: resolvedFolders.realPath,
            file: { found = $0 })
        return (path, found)
    }

    /// ``contained(_:)`` for a root that is not opened as a project yet (the configuration, `ccl10n init`).
    /// `resolveFolder` resolves the folder of a file that exists and is no link (``FolderCache`` does it once
    /// per folder and run: a no-change run then costs one `lstat` per file, not a `realpath`).
    /// `file` is given the status of the file at the path when it exists and is no symbolic link.
    static func contained(
        _ relative: String, root: String, realRoot: String,
        resolveFolder: (String) -> String? = FileStore.realPath, file: ((stat) -> Void)? = nil
    ) throws(DiagnosticError) -> String {
        let path = root + "/" + relative
        guard Path.staysInside(relative) else {
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: path,
                    "this path leads outside the project; refusing it"))
        }
        // The deepest part of the path that exists decides: what is below it does not exist yet.
        var probe = path
        var status = stat()
        var found = lstat(probe, &status) == 0
        while !found && probe.count > root.count {
            probe = Path.parent(of: probe)
            found = lstat(probe, &status) == 0
        }
        let isFile = probe == path && found && (status.st_mode & S_IFMT) != S_IFLNK
        let real =
            isFile
            ? resolveFolder(Path.parent(of: path)).map { $0 + "/" + Path.name(of: path) }
            : FileStore.realPath(probe)
        guard let real else {
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: path,
                    "a symbolic link on this path leads nowhere; refusing to read or write through it"))
        }
        guard isInside(real, realRoot) else {
            throw DiagnosticError(
                Diagnostic(
                    .error, .environment, path: path,
                    "a symbolic link makes this path lead outside the project (to \(real)); refusing to read or write it"
                ))
        }
        if isFile { file?(status) }
        return path
    }

    /// Whether a real path is the real root or below it.
    static func isInside(_ real: String, _ realRoot: String) -> Bool {
        real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
    }

    /// The bytes of a project file, or nil when it is missing, unreadable or outside the project: for cache
    /// keys, where a failure only costs a rebuild (which reads again through the gate and reports it).
    func readIfReadable(_ relative: String) -> [UInt8]? {
        (try? contained(relative)).flatMap(FileStore.readIfReadable)
    }

    /// Source roots that lead outside the project: refused, each with an error.
    func sourceRootProblems() -> [Diagnostic] {
        config.sources.compactMap { source in
            do throws(DiagnosticError) {
                _ = try contained(source.path)
                return nil
            } catch {
                return error.diagnostics.first
            }
        }
    }

    /// Documents that share a path in two roots: their XLIFF files and bundle pages would collide.
    func collisions(_ documents: [DocumentRef]) -> [Diagnostic] {
        // A root lists each path once: when every document is of one root (listed once, the usual project),
        // none can collide, and the 10,000 paths of every run need no lookup.
        if let first = documents.first, Set(config.sources).count == config.sources.count,
            documents.allSatisfy({ $0.root == first.root })
        {
            return []
        }
        var seen: [String: DocumentRef] = [:]
        var problems: [Diagnostic] = []
        for document in documents {
            if let first = seen[document.path] {
                problems.append(
                    Diagnostic(
                        .error, path: sourcePath(document),
                        "this document has the same path as \(sourcePath(first)); their XLIFF files and bundle pages would collide"
                    ))
            }
            seen[document.path] = document
        }
        return problems
    }
}
