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
        public var manifest: Manifest
        /// Files written, relative to the project root.
        public var writtenFiles: [String] = []

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Builds `locale`; with `shard`, only that shard's documents, and the manifest is written as
    /// `manifest.shard-<i>-of-<n>.json` (stale files are not pruned: the other shards' are not stale).
    public func run(locale: LocaleTag, shard: Project.Shard? = nil) -> Report {
        var report = Report(diagnostics: project.warnings, manifest: Manifest(locale: locale.tag, documents: []))
        let (documents, collisions) = project.documents(in: shard)
        report.diagnostics += collisions
        guard !report.hasErrors else { return report }
        let folder = "Bundles/\(locale.tag)"
        // Under the project lock no other run writes here: a temporary file is what a killed run left.
        if let bundle = try? project.contained(folder) { FileStore.removeTemporaries(under: bundle) }
        let manifestPath = folder + "/" + (shard.map { "manifest.shard-\($0).json" } ?? "manifest.json")
        let previous = previousEntries(manifestPath)
        // Documents are built in parallel, one formatter per worker; each writes its own file. A document whose
        // inputs are as the cache knows them, and whose page is still as built, is not built again.
        var cache = RunCache<CachedDocument>(project: project, name: "build-\(locale.tag)", shard: shard)
        report.diagnostics += cache.problem.map { [$0] } ?? []
        let settings = settingsKey(locale: locale)
        // Read once per run; a broken glossary fails each document that needs it, as it is reached.
        let glossary = Result { () throws(DiagnosticError) in try Glossary.load(project) }
        let cached = cache
        // A pseudo-locale's values are formatted as its base locale formats them.
        let formatting = PseudoLocale(locale)?.formatting ?? locale
        let done = Atomic<Int>(0)
        // Every file is staged as a temporary file, and all are made durable and renamed together at the end.
        let batch = WriteBatch()
        let results = Parallel.map(
            documents, context: { ValueFormatter(locale: formatting) },
            { reference, formatter in
                let result = buildCached(
                    reference, locale: locale, formatter: formatter, cache: cached, settings: settings,
                    glossary: glossary, batch: batch)
                progress?(done.add(1, ordering: .relaxed).newValue, documents.count, reference.projectPath)
                return result
            })
        var produced: Set<String> = []
        for (reference, (result, cacheEntry)) in zip(documents, results) {
            report.diagnostics += result.diagnostics
            report.writtenFiles += result.writtenFiles
            var entries = result.manifest.documents
            if entries.isEmpty, result.hasErrors {
                // A bad input never takes down what was published: the last good page stays, as listed before.
                let page = project.bundlePath(reference, locale)
                entries = previous[reference.path].map { [$0] } ?? []
                if !entries.isEmpty || (try? project.contained(page)).map(FileStore.exists) == true {
                    report.diagnostics.append(
                        Diagnostic(
                            .note, path: project.absolute(page),
                            "\(reference.projectPath) could not be built (see the errors above); the last good page is kept"
                        ))
                    produced.insert(page)
                }
            }
            report.manifest.documents += entries
            if let entry = entries.first {
                produced.insert(project.bundlePath(reference, locale))
                if let page = entry.page { produced.insert(page) }
            }
            if let (key, inputs, value) = cacheEntry { cache.store(value, for: key, inputs: inputs) }
        }
        cache.prune(keeping: documents)
        cache.save()
        let indexPath = "Bundles/\(locale.tag)/index.html"
        do throws(DiagnosticError) {
            if html && shard == nil {
                let titles = Dictionary(
                    report.manifest.documents.compactMap { entry in entry.title.map { (entry.path, $0) } },
                    uniquingKeysWith: { a, _ in a })
                let index = HTMLPage.index(report.manifest, locale: locale, titles: titles)
                if try batch.stageIfChanged(index, to: try project.contained(indexPath)) {
                    report.writtenFiles.append(indexPath)
                }
                produced.insert(indexPath)
            }
            if shard == nil {
                pruneStaleFiles(locale: locale, keeping: produced.union([manifestPath]))
                pruneSiteFiles(previous: previous, keeping: produced)
            }
            let bytes: [UInt8]
            do { bytes = try report.manifest.encoded() } catch {
                throw DiagnosticError(Diagnostic(.error, path: manifestPath, "cannot encode the manifest: \(error)"))
            }
            if try batch.stageIfChanged(bytes, to: try project.contained(manifestPath)) {
                report.writtenFiles.append(manifestPath)
            }
        } catch {
            report.diagnostics += error.diagnostics
        }
        report.diagnostics += batch.commit()
        return report
    }

    /// What the cache keeps of a built document: its manifest entry and what the build reported.
    struct CachedDocument: Codable, Sendable {
        var entry: Manifest.Entry
        var diagnostics: [Diagnostic]
    }

    /// The entries of the manifest a previous build wrote, by document path (none when it is missing or unreadable).
    private func previousEntries(_ manifestPath: String) -> [String: Manifest.Entry] {
        guard let bytes = project.readIfReadable(manifestPath),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
        else { return [:] }
        return Dictionary(manifest.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What decides a build beyond the document and its XLIFF: configuration, glossary, policy, locale.
    private func settingsKey(locale: LocaleTag) -> [UInt8] {
        var key = project.readIfReadable(Project.configName) ?? []
        key += project.readIfReadable(Glossary.path) ?? []
        key += Array("locale=\(locale.tag) min=\(minState.rawValue) html=\(html)".utf8)
        return key
    }

    /// Builds one document, or takes it from the cache when nothing it depends on changed.
    private func buildCached(
        _ reference: Project.DocumentRef, locale: LocaleTag, formatter: ValueFormatter, cache: RunCache<CachedDocument>,
        settings: [UInt8], glossary: Result<Glossary, DiagnosticError>,
        batch: WriteBatch
    ) -> (Report, (String, String, CachedDocument)?) {
        var result = Report(manifest: Manifest(locale: locale.tag, documents: []))
        let key = reference.projectPath
        let relative = project.bundlePath(reference, locale)
        let source = project.readIfReadable(reference.projectPath)
        let xliff = reference.root.locale == locale ? nil : project.readIfReadable(project.xliffPath(reference, locale))
        let inputs = RunCache<CachedDocument>.hash([settings, source ?? [], xliff ?? Array("absent".utf8)])
        let pageExists = { (page: String) in (try? project.contained(page)).map(FileStore.exists) == true }
        if let known = cache.value(for: key, inputs: inputs), let page = project.readIfReadable(relative),
            ContentHash.hex(page) == known.entry.contentHash, known.entry.page.map(pageExists) ?? true
        {
            result.manifest.documents.append(known.entry)
            result.diagnostics = known.diagnostics
            return (result, (key, inputs, known))
        }
        do throws(DiagnosticError) {
            guard
                let (bytes, built) = try build(
                    reference, source: source, xliff: xliff, glossary: glossary, locale: locale,
                    formatter: formatter, report: &result)
            else { return (result, nil) }
            var entry = built
            if try batch.stageIfChanged(bytes, to: try project.contained(relative)) {
                result.writtenFiles.append(relative)
            }
            if html, reference.format.hasStandalonePage {
                let language = entry.fallback ? reference.root.locale : locale
                let alternates = project.config.targets.filter { $0 != locale }.map {
                    ($0, HTMLPage.alternateHref(for: reference.path, in: $0))
                }
                let pagePath = "Bundles/\(locale.tag)/" + HTMLPage.htmlPath(reference.path)
                let page = reference.format.htmlPage(ofBuilt: bytes, language: language, alternates: alternates)
                if try batch.stageIfChanged(page, to: try project.contained(pagePath)) {
                    result.writtenFiles.append(pagePath)
                }
                entry.page = pagePath
            }
            result.manifest.documents.append(entry)
            let failed = result.diagnostics.contains { $0.severity == .error }
            return (result, failed ? nil : (key, inputs, CachedDocument(entry: entry, diagnostics: result.diagnostics)))
        } catch {
            result.diagnostics += error.diagnostics
            return (result, nil)
        }
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
    private func pruneSiteFiles(previous: [String: Manifest.Entry], keeping: Set<String>) {
        // Never anything outside the site folder, whatever an edited manifest says.
        let site = project.config.layout.site + "/"
        for file in previous.values.compactMap(\.file)
        where !keeping.contains(file) && file.hasPrefix(site) && Path.staysInside(file) {
            guard let path = try? project.contained(file) else { continue }
            FileStore.remove(path)
        }
    }

    /// Removes files a previous build wrote for documents that no longer exist.
    /// Never outside the project: a bundle folder that a symbolic link leads elsewhere is left alone.
    private func pruneStaleFiles(locale: LocaleTag, keeping: Set<String>) {
        let folder = "Bundles/\(locale.tag)"
        guard let bundle = try? project.contained(folder) else { return }
        for file in FileStore.files(under: bundle) where !keeping.contains("\(folder)/\(file)") {
            guard let path = try? project.contained("\(folder)/\(file)") else { continue }
            FileStore.remove(path)
        }
    }
}
