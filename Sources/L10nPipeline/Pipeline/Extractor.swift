import Synchronization

/// `ccl10n extract`: reads every source document and creates or updates its XLIFF file for each target
/// locale, writing a file only when its bytes change, and keeps the translation memories.
///
/// Documents are merged in parallel (one reader, formatter and XLIFF tree per worker); files and memories
/// are written afterwards, in document order.
public struct Extractor: Sendable {
    public let project: Project
    /// Called once per document merged (or found up to date), from any worker.
    public var progress: ProgressHandler?

    public init(project: Project) {
        self.project = project
    }

    /// What one extract run found and did.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Files written (or, with `check`, that would be), relative to the project root.
        public var changedFiles: [String] = []
        public var summary = MergeSummary()
        public var documentCount = 0

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// What merging one document produced, before anything is written.
    private struct DocumentResult: Sendable {
        var diagnostics: [Diagnostic] = []
        /// The document's files after this run, and whether the cache's value was used (nil when the document
        /// must be read again).
        var cache: (files: RunCache<Int>.Files, hit: Bool)?
        var summary = MergeSummary()
        /// XLIFF files whose bytes changed: relative path and new bytes.
        var files: [(path: String, bytes: [UInt8])] = []
        /// Usable translations seen, by memory file.
        var harvest: [String: [TranslationMemory.Entry]] = [:]
    }

    /// Runs extract; with `check`, writes nothing and lists the files that are out of date. New XLIFF files
    /// are written in `version` (default: the configuration's); existing ones keep the version they have.
    /// With `shard`, only that shard's documents are extracted and the memories are left alone (they are
    /// shared by every shard: run extract without a shard afterwards to update them). With `acceptFilled`,
    /// targets a tool filled without confirming them (state new, not a copy of the source) become translated.
    public func run(
        check: Bool = false, version: XLIFFVersion? = nil, shard: Project.Shard? = nil,
        acceptFilled: Bool = false
    ) -> Report {
        var report = Report()
        report.diagnostics = project.warnings
        let (documents, collisions) = project.documents(in: shard)
        report.diagnostics += collisions
        guard !report.hasErrors else { return report }
        report.documentCount = documents.count
        // Under the project lock no other run writes here: a temporary file is what a killed run left.
        if !check, let locales = try? project.contained("Locales") { FileStore.removeTemporaries(under: locales) }

        // Read only when a lookup or the harvest needs them.
        var memories: [String: StoredMemory] = [:]
        for source in Set(documents.map(\.root.locale)) {
            for target in project.config.targets where target != source {
                let memory = StoredMemory(project: project, source: source, target: target, writesCache: !check)
                memories[memory.relative] = memory
            }
        }
        let snapshot = memories
        let cache = RunCache<Int>(
            project: project, name: "extract", shard: shard,
            settings: settingsKey(version: version, acceptFilled: acceptFilled), saves: !check)
        report.diagnostics += cache.problem.map { [$0] } ?? []
        // Every file is staged as a temporary file, and all are made durable and renamed together at the end.
        let batch = WriteBatch()
        let done = Atomic<Int>(0)
        // Each document's result is taken in as soon as it is its turn: nothing is kept per document but its
        // cache entry, its report and its harvest.
        var run = Parallel.reduce(
            documents, into: (report: report, cache: cache, harvest: [String: [TranslationMemory.Entry]]()),
            context: { () },
            { reference, _ in
                defer { progress?(done.add(1, ordering: .relaxed).newValue, documents.count, reference.projectPath) }
                var result = extract(
                    reference, version: version, memories: snapshot, cache: cache, acceptFilled: acceptFilled)
                // Each worker stages its own document's files (no two documents share one).
                if !check {
                    var written: [(path: String, bytes: [UInt8])] = []
                    for (path, bytes) in result.files {
                        do throws(DiagnosticError) {
                            try batch.stage(bytes, to: try project.contained(path))
                            written.append((path, []))
                        } catch {
                            result.diagnostics += error.diagnostics
                            result.cache = nil
                        }
                    }
                    // Only what was staged is reported written (the commit reports what it could not rename).
                    result.files = written
                }
                return result
            },
            combine: { run, reference, result in
                if let (files, hit) = result.cache {
                    let units = result.summary.added + result.summary.changed + result.summary.kept
                    run.cache.keep(reference.projectPath, files: files, value: hit ? nil : units)
                }
                run.report.diagnostics += result.diagnostics
                run.report.summary += result.summary
                run.report.changedFiles += result.files.map(\.path)
                for (memory, entries) in result.harvest { run.harvest[memory, default: []] += entries }
            })
        report = run.report
        // Indexes of the memory files written, kept once those files are in place.
        var written: [(memory: StoredMemory, updated: TranslationMemory, bytes: [UInt8])] = []
        for (relative, memory) in memories.sorted(by: { $0.key < $1.key }) {
            guard shard == nil else {
                report.diagnostics += memory.diagnostics
                continue
            }
            do throws(DiagnosticError) {
                let harvest = run.harvest[relative] ?? []
                if let (bytes, updated) = try memory.adding(harvest) {
                    if !check {
                        try batch.stage(bytes, to: try project.contained(relative))
                        written.append((memory, updated, bytes))
                    }
                    report.changedFiles.append(relative)
                }
            } catch {
                // Reading the memory failed here or in a lookup: the same error, reported once.
                report.diagnostics += error.diagnostics
                continue
            }
            report.diagnostics += memory.diagnostics
        }
        if !check {
            let failures = batch.commit()
            report.diagnostics += failures
            if failures.isEmpty { for file in written { file.memory.keepIndex(of: file.updated, bytes: file.bytes) } }
            // Saved after the files it describes are in place (an entry for files that failed to commit does
            // not match them next time: its key holds their bytes).
            run.cache.save()
        }
        return report
    }

    /// What, beyond a document and its XLIFF files, decides what extract writes: the configuration, the
    /// version asked for, and which memories exist.
    private func settingsKey(version: XLIFFVersion?, acceptFilled: Bool) -> [UInt8] {
        var key = project.readIfReadable(Project.configName) ?? []
        // `targets=copy`: files written before new targets were copies of their source are merged again.
        key += Array("version=\(version?.rawValue ?? "-") accept=\(acceptFilled) targets=copy".utf8)
        for source in project.config.sources {
            for target in project.config.targets where target != source.locale {
                let path = TranslationMemory.path(source: source.locale, target: target)
                key += Array("\(path)=\((try? project.contained(path)).map(FileStore.exists) == true)".utf8)
            }
        }
        return key
    }

    /// Merges one document into its XLIFF files, in memory; skipped when its files are as the cache knows them.
    private func extract(
        _ reference: Project.DocumentRef, version: XLIFFVersion?, memories: [String: StoredMemory],
        cache: RunCache<Int>, acceptFilled: Bool
    ) -> DocumentResult {
        var result = DocumentResult()
        let key = reference.projectPath
        let targets = project.targets(of: reference)
        let xliffPaths = targets.map { project.xliffPath(reference, $0) }
        var files = cache.files([key] + xliffPaths, for: key)
        // The cache keeps how many units the document's XLIFF files hold: all unchanged this time.
        if let units = cache.value(for: key, files: files) {
            result.summary.kept = units
            result.cache = (files.withoutBytes, hit: true)
            return result
        }
        guard let sourceBytes = files.bytes(of: key) ?? project.readIfReadable(key) else {
            return extractRead(
                reference, source: nil, xliff: [:], version: version, memories: memories,
                acceptFilled: acceptFilled)
        }
        var xliffBytes: [String: [UInt8]] = [:]
        for (target, path) in zip(targets, xliffPaths) {
            xliffBytes[target.tag] = files.bytes(of: path) ?? project.readIfReadable(path)
        }
        result = extractRead(
            reference, source: sourceBytes, xliff: xliffBytes, version: version, memories: memories,
            acceptFilled: acceptFilled)
        if result.diagnostics.contains(where: { $0.severity == .error }) { return result }
        for (path, bytes) in result.files { files.wrote(bytes, at: path) }
        result.cache = (files.withoutBytes, hit: false)
        return result
    }

    /// Merges one document into its XLIFF files, in memory. `source` and `xliff` (by target tag) are the bytes
    /// already read for the cache key; what is not there is read here.
    private func extractRead(
        _ reference: Project.DocumentRef, source: [UInt8]?, xliff: [String: [UInt8]], version: XLIFFVersion?,
        memories: [String: StoredMemory], acceptFilled: Bool
    ) -> DocumentResult {
        var result = DocumentResult()
        let document: SourceDocument
        do throws(DiagnosticError) {
            guard let loaded = try project.load(reference, bytes: source) else { return result }
            document = loaded
            result.diagnostics += loaded.warnings
        } catch {
            // A document with errors leaves its XLIFF files as they were.
            result.diagnostics = error.diagnostics
            return result
        }
        let formatter = ValueFormatter(locale: reference.root.locale)
        for target in project.targets(of: reference) {
            let relative = project.xliffPath(reference, target)
            do throws(DiagnosticError) {
                let path = try project.contained(relative)
                let file: XLIFFFile
                let old = try FileStore.read(path, unlessGiven: xliff[target.tag])
                let memoryPath = TranslationMemory.path(source: reference.root.locale, target: target)
                // Without a memory file there is nothing to look up: a new file is written straight.
                if old == nil, !(memories[memoryPath]?.exists ?? false),
                    let (bytes, units) = newFile(document, reference, target, version, formatter)
                {
                    result.files.append((relative, bytes))
                    result.summary.added += units
                    continue
                }
                if let old {
                    file = try XLIFFFile.parse(old, path: path)
                    try checkLanguages(file, reference: reference, target: target, path: path)
                } else {
                    file = XLIFFFile(
                        original: reference.path, source: reference.root.locale, target: target,
                        version: version ?? project.config.xliffVersion, datatype: document.format.xliffDatatype)
                }
                result.summary += XLIFFMerger.merge(
                    document, into: file, formatter: formatter, target: target,
                    memory: memories[memoryPath].flatMap { $0.exists ? $0 : nil },
                    documentPath: reference.path, acceptFilled: acceptFilled)
                result.harvest[memoryPath, default: []] += harvest(file, document: document, path: reference.path)
                let bytes = file.serialized()
                if bytes != old { result.files.append((relative, bytes)) }
            } catch {
                result.diagnostics += error.diagnostics
            }
        }
        return result
    }

    /// A new XLIFF file written straight to bytes (nothing to merge, nothing to leverage, nothing to harvest:
    /// every unit is new and untranslated), or nil when its text needs the tree writer.
    private func newFile(
        _ document: SourceDocument, _ reference: Project.DocumentRef, _ target: LocaleTag, _ version: XLIFFVersion?,
        _ formatter: ValueFormatter
    ) -> (bytes: [UInt8], units: Int)? {
        let units = XLIFFMerger.units(of: document, target: target)
        let bytes = XLIFFNewFileWriter.bytes(
            units: units, original: reference.path, source: reference.root.locale, target: target,
            version: version ?? project.config.xliffVersion, datatype: document.format.xliffDatatype,
            display: { XLIFFMerger.display($0, formatter) })
        return bytes.map { ($0, units.count) }
    }

    /// Every usable translation of a file, removed units included, as memory entries.
    private func harvest(_ file: XLIFFFile, document: SourceDocument, path: String) -> [TranslationMemory.Entry] {
        let codesByUnit = Dictionary(document.units.map { ($0.id, $0.codes) }, uniquingKeysWith: { first, _ in first })
        return file.units.compactMap { unit in
            guard let stored = StoredUnit(unit), let target = stored.target, stored.isUsable(minimum: .translated),
                target.hasText,
                stored.source.hasText
            else { return nil }
            let codes = Dictionary(
                (codesByUnit[stored.id] ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return TranslationMemory.Entry(source: stored.source, target: target, codes: codes, document: path)
        }
    }

    /// An XLIFF file must be for the document's languages; a mismatch means a misplaced file.
    private func checkLanguages(_ file: XLIFFFile, reference: Project.DocumentRef, target: LocaleTag, path: String)
        throws(DiagnosticError)
    {
        try file.checkOrigin(document: reference.path, path: path)
        let (source, fileTarget) = file.languages
        if source != reference.root.locale.tag || (fileTarget != nil && fileTarget != target.tag) {
            throw DiagnosticError(
                Diagnostic(
                    .error, path: path, line: file.file.line, column: 0,
                    "this file is for \(source ?? "?") → \(fileTarget ?? "?"), but its place says \(reference.root.locale.tag) → \(target.tag)"
                ))
        }
    }
}
