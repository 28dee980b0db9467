internal import FoundationEssentials
import Synchronization

/// `ccl10n build --locale L`: writes every document of every source root in locale L, and a manifest, to
/// `Bundles/L/`.
public struct Builder: Sendable {
    public let project: Project
    /// The lowest state a translation must have to be published (the configuration's unless overridden).
    public var minState: TranslationState

    /// Also write a standalone HTML page of every Markdown document, and an index page (`--format html`).
    public var html: Bool

    /// Called once per document built (or found up to date), from any worker.
    public var progress: ProgressHandler?

    public init(project: Project, minState: TranslationState? = nil, html: Bool = false) {
        self.project = project
        self.minState = minState ?? project.config.minState
        self.html = html
    }

    /// What one build run found and did.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// The bundle's documents as manifest.json lists them.
        var documents: ManifestDocuments
        /// Files written, relative to the project root.
        public var writtenFiles: [String] = []

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// The manifest written (decoded from its bytes on each use).
        public var manifest: Manifest { documents.manifest }
        /// How many documents the bundle holds, and how many of them are in their source language.
        public var documentCount: Int { documents.count }
        public var fallbackCount: Int { documents.fallbacks }
    }

    /// Builds `locale`; with `shard`, only that shard's documents, and the manifest is written as
    /// `manifest.shard-<i>-of-<n>.json` (stale files are not pruned: the other shards' are not stale).
    public func run(locale: LocaleTag, shard: Project.Shard? = nil) -> Report {
        var report = Report(diagnostics: project.warnings, documents: ManifestDocuments(locale: locale.tag))
        let (documents, collisions) = project.documents(in: shard)
        report.diagnostics += collisions
        guard !report.hasErrors else { return report }
        let folder = "Bundles/\(locale.tag)"
        // Under the project lock no other run writes here: a temporary file is what a killed run left.
        // The bundle's files are listed once: what is not produced this time is pruned at the end.
        let existing = (try? project.contained(folder)).map(FileStore.filesRemovingTemporaries) ?? []
        let manifestPath = folder + "/" + (shard.map { "manifest.shard-\($0).json" } ?? "manifest.json")
        // The manifest goes to its temporary file as the documents are taken in, in their order; it takes the
        // old one's place only when the run's files are committed. Made in memory when that file cannot be.
        if let path = try? project.contained(manifestPath), let file = try? StagedFile(for: path, comparing: true) {
            report.documents = ManifestDocuments(locale: locale.tag, file: file)
        } else if let previous = try? project.contained(manifestPath), let status = FileFingerprint.Status(previous) {
            report.documents.reserve(Int(status.size))
        }
        // Documents are built in parallel, one formatter per worker; each writes its own file. A document whose
        // files (source, XLIFF and pages) are as the cache knows them is not built again.
        let cache = RunCache<CachedDocument>(
            project: project, name: "build-\(locale.tag)", shard: shard, settings: settingsKey(locale: locale))
        report.diagnostics += cache.problem.map { [$0] } ?? []
        // Read once per run; a broken glossary fails each document that needs it, as it is reached.
        let glossary = Result { () throws(DiagnosticError) in try Glossary.load(project) }
        // A pseudo-locale's values are formatted as its base locale formats them.
        let formatting = PseudoLocale(locale)?.formatting ?? locale
        let done = Atomic<Int>(0)
        // Every file is staged as a temporary file, and all are made durable and renamed together at the end.
        let batch = WriteBatch()
        // Each document's result is taken in as soon as it is its turn: what is kept per document is its
        // manifest entry's bytes, its cache entry and what it reported.
        var run = Parallel.reduce(
            documents,
            into: BuildRun(
                report: report, cache: cache, previous: PreviousManifest(project: project, path: manifestPath)),
            context: { ValueFormatter(locale: formatting) },
            { reference, formatter in
                let result = buildCached(
                    reference, locale: locale, formatter: formatter, cache: cache, glossary: glossary, batch: batch)
                progress?(done.add(1, ordering: .relaxed).newValue, documents.count, reference.projectPath)
                return result
            },
            combine: { run, reference, result in combine(result, of: reference, locale: locale, into: &run) })
        report = run.report
        var produced = run.produced
        let indexPath = "Bundles/\(locale.tag)/index.html"
        do throws(DiagnosticError) {
            let bytes: [UInt8]
            do { bytes = try report.documents.finish() } catch {
                throw DiagnosticError(Diagnostic(.error, path: manifestPath, "cannot encode the manifest: \(error)"))
            }
            // Staged first: the index below reads the manifest from its file.
            let staged: Bool
            if let file = report.documents.file {
                staged = try batch.stageIfChanged(file)
            } else {
                staged = try batch.stageIfChanged(bytes, to: try project.contained(manifestPath))
            }
            if html && shard == nil {
                let manifest = report.manifest
                let titles = Dictionary(
                    manifest.documents.compactMap { entry in entry.title.map { (entry.path, $0) } },
                    uniquingKeysWith: { a, _ in a })
                let index = HTMLPage.index(manifest, locale: locale, titles: titles)
                if try batch.stageIfChanged(index, to: try project.contained(indexPath)) {
                    report.writtenFiles.append(indexPath)
                }
                produced.insert(indexPath)
            }
            if shard == nil {
                pruneStaleFiles(existing, locale: locale, keeping: produced.union([manifestPath]))
                pruneSiteFiles(previous: run.previous.siteFiles, keeping: produced)
            }
            if staged { report.writtenFiles.append(manifestPath) }
        } catch {
            report.diagnostics += error.diagnostics
        }
        report.diagnostics += batch.commit()
        // Saved after the files it describes are in place (an entry for a page that failed to commit does not
        // match it next time: the entry holds the hash of the bytes that were to be written).
        run.cache.save()
        return report
    }

    /// What a build keeps while its documents are done: the report, the cache being made, the previous
    /// manifest (read when a document fails) and the files this build produced.
    private struct BuildRun: Sendable {
        var report: Report
        var cache: RunCache<CachedDocument>
        var previous: PreviousManifest
        var produced: Set<String> = []
    }

    /// Takes in one document's result, in the documents' order.
    private func combine(
        _ result: DocumentBuild, of reference: Project.DocumentRef, locale: LocaleTag, into run: inout BuildRun
    ) {
        run.report.diagnostics += result.diagnostics
        run.report.writtenFiles += result.writtenFiles
        let page = project.bundlePath(reference, locale)
        if let document = result.document {
            run.report.documents.append(document.fragment, fallback: document.fallback)
            run.produced.insert(page)
            if let standalone = document.page { run.produced.insert(standalone) }
        } else if result.diagnostics.contains(where: { $0.severity == .error }) {
            // A bad input never takes down what was published: the last good page stays, as listed before.
            let entry = run.previous.entries[reference.path]
            if entry != nil || (try? project.contained(page)).map(FileStore.exists) == true {
                run.report.diagnostics.append(
                    Diagnostic(
                        .note, path: project.absolute(page),
                        "\(reference.projectPath) could not be built (see the errors above); the last good page is kept"
                    ))
                run.produced.insert(page)
            }
            if let entry, let fragment = try? ManifestDocuments.fragment(entry) {
                run.report.documents.append(fragment, fallback: entry.fallback)
                if let standalone = entry.page { run.produced.insert(standalone) }
            }
        }
        if let (files, hit) = result.cache, let document = result.document {
            run.cache.keep(reference.projectPath, files: files, value: hit ? nil : document)
        }
    }

    /// What the cache keeps of a built document: its manifest entry as manifest.json holds it, what the run
    /// needs of that entry, and what the build reported.
    struct CachedDocument: CacheValue {
        var fragment: ArraySlice<UInt8>
        var fallback: Bool
        /// The standalone HTML page, when there is one.
        var page: String?
        var diagnostics: [Diagnostic]

        init(fragment: ArraySlice<UInt8>, fallback: Bool, page: String?, diagnostics: [Diagnostic]) {
            self.fragment = fragment
            self.fallback = fallback
            self.page = page
            self.diagnostics = diagnostics
        }

        func encoded() -> [UInt8] {
            var writer = ByteWriter()
            writer.bytes.append(fallback ? 1 : 0)
            writer.string(page)
            writer.data(fragment)
            // Most documents report nothing: no JSON then.
            writer.data(diagnostics.isEmpty ? [] : (try? JSONEncoder().encode(diagnostics)).map(Array.init) ?? [])
            return writer.bytes
        }

        init?(decoding bytes: ArraySlice<UInt8>) {
            var reader = ByteReader(bytes)
            guard let fallback = reader.byte(), fallback <= 1, let page = reader.optionalString(),
                let fragment = reader.data(), let diagnostics = reader.data(), reader.isAtEnd
            else { return nil }
            self.fallback = fallback == 1
            self.page = page
            self.fragment = fragment
            if diagnostics.isEmpty {
                self.diagnostics = []
            } else {
                guard let decoded = try? JSONDecoder().decode([Diagnostic].self, from: Data(diagnostics)) else {
                    return nil
                }
                self.diagnostics = decoded
            }
        }
    }

    /// The manifest a previous build wrote, read and decoded only when needed: for a document that cannot be
    /// built (its last good entry stays), and for the site files it lists (only a manifest that names a
    /// `file`). The new manifest replaces it only when the run's files are committed, at the very end.
    private struct PreviousManifest: Sendable {
        let project: Project
        let path: String
        private var decoded: [String: Manifest.Entry]?

        init(project: Project, path: String) {
            self.project = project
            self.path = path
        }

        /// The entries by document path (none when the manifest is missing or unreadable).
        var entries: [String: Manifest.Entry] {
            mutating get {
                if let decoded { return decoded }
                let entries = Self.decode(project.readIfReadable(path))
                decoded = entries
                return entries
            }
        }

        /// The site files the previous build listed (`file`): only a manifest with the key `"file"` has any.
        var siteFiles: [String] {
            mutating get {
                if let decoded { return decoded.values.compactMap(\.file) }
                guard let bytes = project.readIfReadable(path), bytes.containsBytes(Array("\"file\"".utf8)) else {
                    return []
                }
                decoded = Self.decode(bytes)
                return entries.values.compactMap(\.file)
            }
        }

        private static func decode(_ bytes: [UInt8]?) -> [String: Manifest.Entry] {
            let manifest = bytes.flatMap { try? JSONDecoder().decode(Manifest.self, from: Data($0)) }
            return Dictionary(
                (manifest?.documents ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// What decides a build beyond the document and its XLIFF: configuration, glossary, policy, locale.
    private func settingsKey(locale: LocaleTag) -> [UInt8] {
        var key = project.readIfReadable(Project.configName) ?? []
        key += project.readIfReadable(Glossary.path) ?? []
        key += Array("locale=\(locale.tag) min=\(minState.rawValue) html=\(html)".utf8)
        return key
    }

    /// What building one document gave: its manifest entry (nil when it could not be built), what it reported
    /// and wrote, and its files for the cache.
    private struct DocumentBuild: Sendable {
        var document: CachedDocument?
        var diagnostics: [Diagnostic] = []
        var writtenFiles: [String] = []
        var cache: (files: RunCache<CachedDocument>.Files, hit: Bool)?
    }

    /// Builds one document, or takes it from the cache when none of its files changed: its source and XLIFF,
    /// and the pages it wrote (a page changed or deleted since is written again).
    private func buildCached(
        _ reference: Project.DocumentRef, locale: LocaleTag, formatter: ValueFormatter,
        cache: RunCache<CachedDocument>, glossary: Result<Glossary, DiagnosticError>, batch: WriteBatch
    ) -> DocumentBuild {
        var result = DocumentBuild()
        let key = reference.projectPath
        let relative = project.bundlePath(reference, locale)
        let xliffPath = reference.root.locale == locale ? nil : project.xliffPath(reference, locale)
        let pagePath =
            html && reference.format.hasStandalonePage
            ? "Bundles/\(locale.tag)/" + HTMLPage.htmlPath(reference.path) : nil
        var files = cache.files([key] + [xliffPath, relative, pagePath].compactMap { $0 }, for: key)
        if let known = cache.value(for: key, files: files) {
            result.document = known
            result.diagnostics = known.diagnostics
            result.cache = (files.withoutBytes, hit: true)
            return result
        }
        let source = files.bytes(of: key) ?? project.readIfReadable(key)
        let xliff = xliffPath.flatMap { files.bytes(of: $0) ?? project.readIfReadable($0) }
        var report = Report(documents: ManifestDocuments(locale: locale.tag))
        do throws(DiagnosticError) {
            // Nil: the document is gone.
            if let (bytes, built) = try build(
                reference, source: source, xliff: xliff, glossary: glossary, locale: locale,
                formatter: formatter, report: &report)
            {
                let document = try finish(
                    built, bytes: bytes, reference, at: relative, standalone: pagePath, locale: locale, batch: batch,
                    files: &files, report: &report)
                result.document = document
                if !report.diagnostics.contains(where: { $0.severity == .error }) {
                    result.cache = (files.withoutBytes, hit: false)
                }
            }
        } catch {
            report.diagnostics += error.diagnostics
        }
        result.diagnostics = report.diagnostics
        result.writtenFiles = report.writtenFiles
        return result
    }

    /// Stages a built document's page at `relative` (and its standalone page, when it has one), and keeps its
    /// manifest entry and its files.
    private func finish(
        _ built: Manifest.Entry, bytes: [UInt8], _ reference: Project.DocumentRef, at relative: String,
        standalone pagePath: String?, locale: LocaleTag, batch: WriteBatch,
        files: inout RunCache<CachedDocument>.Files, report: inout Report
    ) throws(DiagnosticError) -> CachedDocument {
        var entry = built
        if try batch.stageIfChanged(bytes, to: try project.contained(relative)) {
            report.writtenFiles.append(relative)
        }
        files.wrote(bytes, at: relative)
        if let pagePath {
            let language = entry.fallback ? reference.root.locale : locale
            let alternates = project.config.targets.filter { $0 != locale }.map {
                ($0, HTMLPage.alternateHref(for: reference.path, in: $0))
            }
            let page = reference.format.htmlPage(ofBuilt: bytes, language: language, alternates: alternates)
            if try batch.stageIfChanged(page, to: try project.contained(pagePath)) {
                report.writtenFiles.append(pagePath)
            }
            files.wrote(page, at: pagePath)
            entry.page = pagePath
        }
        let fragment: [UInt8]
        do { fragment = try ManifestDocuments.fragment(entry) } catch {
            throw DiagnosticError(
                Diagnostic(.error, path: project.absolute(relative), "cannot encode its manifest entry: \(error)"))
        }
        return CachedDocument(
            fragment: fragment[...], fallback: entry.fallback, page: entry.page, diagnostics: report.diagnostics)
    }

    /// One document in `locale`: its bytes and its manifest entry; nil when its source has errors. `source`
    /// and `xliff` are the bytes already read for the cache key, when they could be read.
    private func build(
        _ reference: Project.DocumentRef, source sourceBytes: [UInt8]?, xliff: [UInt8]?,
        glossary: Result<Glossary, DiagnosticError>,
        locale: LocaleTag, formatter: ValueFormatter, report: inout Report
    ) throws(DiagnosticError) -> ([UInt8], Manifest.Entry)? {
        guard let document = try project.load(reference, bytes: sourceBytes) else { return nil }
        let source = reference.root.locale
        var entry = Manifest.Entry(
            path: reference.path, sourceLocale: source.tag, source: reference.projectPath,
            xliff: nil, units: 0, translatedUnits: 0, unitsByState: [:], words: 0, translatedWords: 0, fallback: false,
            fallbackReason: nil, fallbackUnits: [], contentHash: "")
        var targets: [String: Segment] = [:]
        var variants: [String: [String: String]] = [:]
        var fallbackLanguage: String?
        if let pseudo = PseudoLocale(locale) {
            let translatable = document.units.filter(\.isTranslatable)
            for unit in translatable { targets[unit.id] = pseudo.transform(unit.source) }
            entry.units = translatable.count
            entry.translatedUnits = translatable.count
            entry.words = translatable.map { WordCounter.count($0.source.plainText, locale: source) }.reduce(0, +)
            entry.translatedWords = entry.words
        } else if source == locale {
            let words = document.units.filter(\.isTranslatable).map {
                WordCounter.count($0.source.plainText, locale: source)
            }
            entry.units = words.count
            entry.translatedUnits = words.count
            entry.words = words.reduce(0, +)
            entry.translatedWords = entry.words
        } else {
            let xliffRelative = project.xliffPath(reference, locale)
            let xliffPath = project.absolute(xliffRelative)
            entry.xliff = xliffRelative
            let checks = UnitChecks(source: source, target: locale, glossary: try glossary.get())
            let selection = TranslationSelection(
                document: document, locale: locale, stored: try storedUnits(at: xliffRelative, given: xliff),
                minimum: minState, formatter: formatter, checks: checks)
            for status in selection.units {
                entry.unitsByState[status.state, default: 0] += 1
                if let problem = status.problem, let stored = status.stored {
                    report.diagnostics.append(
                        Diagnostic(
                            .warning, path: xliffPath, line: stored.line, column: 0,
                            "unit '\(stored.id)': \(problem); the source text is used instead"))
                }
                if let target = status.target { targets[status.unit.id] = target }
            }
            let filled = selection.units.filter { $0.state == TranslationSelection.filledNew }
            if let first = filled.first?.stored {
                // A tool's work that is not published is never silent.
                report.diagnostics.append(
                    Diagnostic(
                        .warning, path: xliffPath, line: first.line, column: 0,
                        "filled, state new: \(filled.count) units a tool filled without confirming them are not published; "
                            + "review them, then run 'ccl10n extract --accept-filled'"))
            }
            for missing in selection.missingForms {
                report.diagnostics.append(
                    Diagnostic(
                        .warning, path: xliffPath, line: missing.line, column: 0,
                        "the '\(missing.key)' form of unit '\(missing.unitID)' has no usable translation; the source's form is used"
                    ))
            }
            variants = selection.variants
            entry.units = selection.units.count
            entry.translatedUnits = targets.count
            entry.words = selection.totalWords
            entry.translatedWords = selection.usableWords
            let threshold = project.config.threshold(for: locale)
            if selection.share < threshold {
                targets = [:]
                variants = [:]
                entry.fallback = true
                entry.fallbackReason =
                    "\(Int((selection.share * 100).rounded(.down)))% of words translated, below the \(Int((threshold * 100).rounded()))% threshold: published in \(source.tag)"
            } else {
                fallbackLanguage = source.tag
                entry.fallbackUnits = selection.units.filter { $0.target == nil }.map(\.unit.id)
            }
        }
        let (rendered, problems) = document.render(
            targets: targets, variants: variants, fallbackLanguage: fallbackLanguage,
            formatter: formatter)
        report.diagnostics += problems
        let layout = project.config.layout
        let bytes = layout.finish(rendered, documentPath: reference.path, locale: locale)
        if layout.kind != .plain { entry.file = project.bundlePath(reference, locale) }
        entry.contentHash = ContentHash.hex(bytes)
        entry.title = document.format.title(ofBuilt: bytes)
        return (bytes, entry)
    }

    private func storedUnits(at relative: String, given: [UInt8]?) throws(DiagnosticError) -> [String: StoredUnit] {
        guard let bytes = try FileStore.read(try project.contained(relative), unlessGiven: given) else { return [:] }
        return try XLIFFFile.streamStoredUnits(
            bytes, path: project.absolute(relative),
            document: XLIFFOrigin.document(ofProjectFile: relative))
    }

    /// Removes the pages a previous build wrote into a site's folders (listed as `file` in its manifest) that
    /// this build did not write: only ccl10n's own files, since a site's folders hold the site's own pages too.
    private func pruneSiteFiles(previous: [String], keeping: Set<String>) {
        // Never anything outside the site folder, whatever an edited manifest says.
        let site = project.config.layout.site + "/"
        for file in previous
        where !keeping.contains(file) && file.hasPrefix(site) && Path.staysInside(file) {
            guard let path = try? project.contained(file) else { continue }
            FileStore.remove(path)
        }
    }

    /// Removes files a previous build wrote for documents that no longer exist: those of `existing` (the
    /// bundle's files when the run started) that this build did not produce.
    /// Never outside the project: a bundle folder that a symbolic link leads elsewhere is left alone.
    private func pruneStaleFiles(_ existing: [String], locale: LocaleTag, keeping: Set<String>) {
        let folder = "Bundles/\(locale.tag)"
        for file in existing where !keeping.contains("\(folder)/\(file)") {
            guard let path = try? project.contained("\(folder)/\(file)") else { continue }
            FileStore.remove(path)
        }
    }
}
