/// `ccl10n build --locale L`: writes every document of every source root in locale L, and a manifest, to
/// `Bundles/L/`.
public struct Builder: Sendable {
    public let project: Project

    public init(project: Project) {
        self.project = project
    }

    /// What one build run found and did.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var manifest: Manifest
        /// Files written, relative to the project root.
        public var writtenFiles: [String] = []

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public func run(locale: LocaleTag) -> Report {
        var report = Report(diagnostics: project.warnings, manifest: Manifest(locale: locale.tag, documents: []))
        let documents = project.documents()
        report.diagnostics += project.collisions(documents)
        guard !report.hasErrors else { return report }
        let formatter = ValueFormatter(locale: locale)
        var produced: Set<String> = []
        for reference in documents {
            do throws(DiagnosticError) {
                guard let (bytes, entry) = try build(reference, locale: locale, formatter: formatter, report: &report) else { continue }
                let relative = project.bundlePath(reference, locale)
                produced.insert(relative)
                if try FileStore.writeIfChanged(bytes, to: project.absolute(relative)) { report.writtenFiles.append(relative) }
                report.manifest.documents.append(entry)
            } catch {
                report.diagnostics += error.diagnostics
            }
        }
        let manifestPath = "Bundles/\(locale.tag)/manifest.json"
        do throws(DiagnosticError) {
            pruneStaleFiles(locale: locale, keeping: produced.union([manifestPath]))
            let bytes: [UInt8]
            do { bytes = try report.manifest.encoded() } catch {
                throw DiagnosticError(Diagnostic(.error, path: manifestPath, "cannot encode the manifest: \(error)"))
            }
            if try FileStore.writeIfChanged(bytes, to: project.absolute(manifestPath)) { report.writtenFiles.append(manifestPath) }
        } catch {
            report.diagnostics += error.diagnostics
        }
        return report
    }

    /// One document in `locale`: its bytes and its manifest entry; nil when its source has errors.
    private func build(_ reference: Project.DocumentRef, locale: LocaleTag, formatter: ValueFormatter,
                       report: inout Report) throws(DiagnosticError) -> ([UInt8], Manifest.Entry)? {
        guard let document = try project.load(reference) else { return nil }
        let translatable = document.units.filter(\.isTranslatable)
        let words = translatable.map { WordCounter.count($0.source.plainText, locale: reference.root.locale) }
        var entry = Manifest.Entry(
            path: reference.path, sourceLocale: reference.root.locale.tag, source: "\(reference.root.path)/\(reference.path)",
            xliff: nil, units: translatable.count, translatedUnits: translatable.count, unitsByState: [:],
            words: words.reduce(0, +), translatedWords: words.reduce(0, +), fallback: false, fallbackReason: nil,
            fallbackUnits: [], contentHash: "")

        var targets: [String: Segment] = [:]
        var variants: [String: [String: String]] = [:]
        var fallbackLanguage: String?
        if reference.root.locale != locale {
            let xliffRelative = project.xliffPath(reference, locale)
            entry.xliff = xliffRelative
            let stored = try storedUnits(at: xliffRelative)
            var usableWords = 0
            for (unit, wordCount) in zip(translatable, words) {
                let match = Self.match(unit, in: stored)
                entry.unitsByState[match.map { $0.hasState ? $0.state?.rawValue ?? "other" : "translated" } ?? "missing", default: 0] += 1
                guard let match, let target = match.target, match.isUsable(minimum: project.config.minState) else { continue }
                if let problem = Self.codeProblem(target, of: unit) {
                    report.diagnostics.append(Diagnostic(.warning, path: project.absolute(xliffRelative), line: match.line, column: 0,
                        "unit '\(match.id)': \(problem); the source text is used instead"))
                    continue
                }
                targets[unit.id] = target
                usableWords += wordCount
            }
            for unit in document.units {
                for form in VariantUnits.expand(unit, target: locale, rules: { ordinal throws(ICUError) in try formatter.rules(ordinal: ordinal) }) {
                    guard case .variant(let key) = form.kind else { continue }
                    let codeID = form.id.split(separator: ".").dropLast().last.map { String($0.dropFirst()) } ?? ""
                    if let match = Self.match(form, in: stored), let target = match.target, match.isUsable(minimum: project.config.minState),
                       Self.codeProblem(target, of: form) == nil {
                        variants["\(unit.id)/\(codeID)", default: [:]][key] = VariantUnits.text(of: target, codes: form.codes)
                    } else {
                        report.diagnostics.append(Diagnostic(.warning, path: project.absolute(xliffRelative), line: match(form, stored)?.line ?? 0, column: 0,
                            "the '\(key)' form of unit '\(unit.id)' has no usable translation; the source's form is used"))
                    }
                }
            }
            entry.translatedUnits = targets.count
            entry.translatedWords = usableWords
            let share = entry.words == 0 ? 1 : Double(usableWords) / Double(entry.words)
            if share < project.config.publishThreshold {
                targets = [:]
                entry.fallback = true
                entry.fallbackReason = "\(Int((share * 100).rounded(.down)))% of words translated, below the \(Int(project.config.publishThreshold * 100))% threshold: published in \(reference.root.locale.tag)"
            } else {
                fallbackLanguage = reference.root.locale.tag
                entry.fallbackUnits = translatable.map(\.id).filter { targets[$0] == nil }
            }
        }
        let (bytes, problems) = document.render(targets: targets, variants: variants, fallbackLanguage: fallbackLanguage, formatter: formatter)
        report.diagnostics += problems
        entry.contentHash = ContentHash.hex(bytes)
        return (bytes, entry)
    }

    private func storedUnits(at relative: String) throws(DiagnosticError) -> [String: StoredUnit] {
        guard let bytes = try FileStore.read(project.absolute(relative)) else { return [:] }
        return try XLIFFFile.streamStoredUnits(bytes, path: project.absolute(relative))
    }

    /// The stored unit for a document unit: by id when its source is current, else any with the same source.
    /// A unit whose stored source differs is out of date (extract has not run) and is not used.
    static func match(_ unit: TranslationUnit, in stored: [String: StoredUnit]) -> StoredUnit? {
        if let byID = stored[unit.id], byID.source == unit.source { return byID }
        return stored.values.filter { $0.source == unit.source }.min { $0.id < $1.id }
    }

    private func match(_ unit: TranslationUnit, _ stored: [String: StoredUnit]) -> StoredUnit? { Self.match(unit, in: stored) }

    /// Why a target's codes cannot be put back, or nil when they can: every code must be one of the source's,
    /// used once, with pairs kept as pairs.
    static func codeProblem(_ target: Segment, of unit: TranslationUnit) -> String? {
        var open: [String] = []
        var used: Set<String> = []
        let pairs = Set(unit.source.pieces.compactMap { if case .start(let id) = $0 { id } else { nil } })
        for piece in target.pieces {
            switch piece {
            case .text: continue
            case .start(let id), .placeholder(let id):
                guard let code = unit.code(id) else { return "the target has a code '\(id)' that the source does not" }
                guard used.insert(id).inserted else { return "code '\(id)' is used twice" }
                let isPair = pairs.contains(code.id)
                if case .start = piece {
                    guard isPair else { return "code '\(id)' is a placeholder, not a pair" }
                    open.append(id)
                } else if isPair {
                    return "code '\(id)' is a pair in the source"
                }
            case .end(let id):
                guard open.last == id else { return "code '\(id)' is closed out of order" }
                open.removeLast()
            }
        }
        return open.isEmpty ? nil : "code '\(open[0])' is never closed"
    }

    /// Removes files a previous build wrote for documents that no longer exist.
    private func pruneStaleFiles(locale: LocaleTag, keeping: Set<String>) {
        let folder = "Bundles/\(locale.tag)"
        for file in FileStore.files(under: project.absolute(folder)) where !keeping.contains("\(folder)/\(file)") {
            FileStore.remove(project.absolute("\(folder)/\(file)"))
        }
    }
}
