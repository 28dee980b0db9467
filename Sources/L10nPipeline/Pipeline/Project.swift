/// A content project on disk: its root folder, its configuration, and where each file of it lives.
public struct Project: Sendable {
    /// A source document found in one of the source roots.
    public struct DocumentRef: Sendable, Hashable {
        public var root: ProjectConfig.SourceRoot
        /// The path inside the root (`news/week-of-rare-cancers.md`).
        public var path: String

        /// The path from the project folder (`Sources-EN/news/week-of-rare-cancers.md`): the document's key.
        public var projectPath: String { "\(root.path)/\(path)" }
    }

    public let root: String
    public let config: ProjectConfig
    /// Warnings from reading the configuration.
    public let warnings: [Diagnostic]

    static let configName = "ccl10n.yml"
    static let markdownExtensions: Set<String> = ["md", "markdown"]
    static let htmlExtensions: Set<String> = ["html", "htm"]

    /// Opens the project at `root`, reading `ccl10n.yml` when there is one.
    public init(root: String) throws(DiagnosticError) {
        guard FileStore.isDirectory(root) else {
            throw DiagnosticError(Diagnostic(.error, path: root, "the project folder does not exist"))
        }
        self.root = root
        let configPath = root + "/" + Self.configName
        if let bytes = try FileStore.read(configPath) {
            (config, warnings) = try ProjectConfig.parse(bytes, path: configPath)
        } else {
            config = .standard
            warnings = []
        }
    }

    /// Every Markdown document of every source root, sorted by root then path.
    public func documents() -> [DocumentRef] {
        config.sources.flatMap { source in
            FileStore.files(under: root + "/" + source.path)
                .filter { path in
                    let ext = Path.fileExtension(of: path)
                    return Self.markdownExtensions.contains(ext) || Self.htmlExtensions.contains(ext)
                }
                .map { DocumentRef(root: source, path: $0) }
        }
    }

    /// The Markdown reader the configuration asks for.
    public var reader: MarkdownReader {
        MarkdownReader(frontMatterKeys: config.frontMatter, segmentation: config.segmentation)
    }

    /// Reads a source document with the reader for its format (Markdown or HTML); nil when it is gone.
    public func load(_ document: DocumentRef, bytes prefetched: [UInt8]? = nil) throws(DiagnosticError) -> SourceDocument? {
        let path = sourcePath(document)
        guard let bytes = try FileStore.read(path, unlessGiven: prefetched) else { return nil }
        if Self.htmlExtensions.contains(Path.fileExtension(of: document.path)) { return try HTMLReader().read(bytes, path: path, locale: document.root.locale) }
        return try reader.read(bytes, path: path, locale: document.root.locale)
    }

    /// A slice of the documents for one of `count` runs side by side (a CI matrix, a batch scheduler): the
    /// documents whose path hashes to `index` (1-based). Every document is in exactly one shard, always the same.
    public struct Shard: Sendable, Hashable, CustomStringConvertible {
        public var index: Int
        public var count: Int

        /// Reads `i/n`, with 1 ≤ i ≤ n.
        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
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
        return (shard.map { shard in all.filter(shard.contains) } ?? all, collisions(all))
    }

    /// The locales a document is translated into: every target but its own.
    public func targets(of document: DocumentRef) -> [LocaleTag] {
        config.targets.filter { $0 != document.root.locale }
    }

    public func sourcePath(_ document: DocumentRef) -> String { "\(root)/\(document.projectPath)" }

    /// `Locales/<locale>/<path>.xlf`, relative to the project root.
    public func xliffPath(_ document: DocumentRef, _ locale: LocaleTag) -> String { "Locales/\(locale.tag)/\(document.path).xlf" }

    /// Where build writes a document in a locale, relative to the project root: `Bundles/<locale>/<path>`, or
    /// where the configured site layout puts it.
    public func bundlePath(_ document: DocumentRef, _ locale: LocaleTag) -> String {
        config.layout.path(of: document.path, in: locale)
    }

    public func absolute(_ relative: String) -> String { root + "/" + relative }

    /// The absolute path of a file under `Locales/` or `Bundles/`, refused when a symbolic link on the way
    /// (or the file itself) leads outside the project: nothing outside the project is read or written.
    public func contained(_ relative: String) throws(DiagnosticError) -> String {
        let path = absolute(relative)
        guard let realRoot = FileStore.realPath(root) else { return path }
        var probe = path
        while !FileStore.exists(probe) && probe.count > root.count { probe = Path.parent(of: probe) }
        if let real = FileStore.realPath(probe), real != realRoot, !real.hasPrefix(realRoot + "/") {
            throw DiagnosticError(Diagnostic(.error, path: path,
                "a symbolic link makes this path lead outside the project (to \(real)); refusing to read or write it"))
        }
        return path
    }

    /// Documents that share a path in two roots: their XLIFF files and bundle pages would collide.
    func collisions(_ documents: [DocumentRef]) -> [Diagnostic] {
        var seen: [String: DocumentRef] = [:]
        var problems: [Diagnostic] = []
        for document in documents {
            if let first = seen[document.path] {
                problems.append(Diagnostic(.error, path: sourcePath(document),
                    "this document has the same path as \(sourcePath(first)); their XLIFF files and bundle pages would collide"))
            }
            seen[document.path] = document
        }
        return problems
    }
}
