internal import FoundationEssentials

/// `ccl10n status`: where each locale stands, per document, in units and words by state.
///
/// The JSON form (`--json`) is stable; its schema is documented in the README. States are XLIFF 1.2's names
/// (new, needs-review-translation, translated, signed-off, final) plus `missing` (no unit in the XLIFF),
/// `stale` (the XLIFF's source is older than the document's), `unapproved` (a tool set approved="no") and
/// `filled-new` (a tool filled the target but left state new: accepted by `ccl10n extract --accept-filled`).
public struct StatusReport: Codable, Sendable, ProblemCollecting, Equatable {
    /// One document in one locale.
    public struct Document: Codable, Sendable, Equatable {
        public var path: String
        public var sourceLocale: String
        public var xliff: String
        public var units: Int
        public var words: Int
        public var unitsByState: [String: Int]
        public var wordsByState: [String: Int]
        /// Words whose translation build would use.
        public var publishableWords: Int
        /// publishableWords / words (1 for nothing to translate).
        public var share: Double
        /// Whether build would publish the document in this locale (share at or above the threshold).
        public var wouldPublish: Bool
        /// What `ccl10n extract` would change in the XLIFF file now (all zero when it is up to date).
        public var pending: MergeSummary
    }

    /// One target locale.
    public struct Locale: Codable, Sendable, Equatable {
        public var locale: String
        public var threshold: Double
        public var documents: [Document]
        public var units: Int
        public var words: Int
        public var publishableWords: Int
        public var share: Double

        /// Units whose target a tool filled without confirming it (state `filled-new`).
        public var filledNewUnits: Int {
            documents.reduce(0) { $0 + ($1.unitsByState[TranslationSelection.filledNew] ?? 0) }
        }
    }

    /// The version of this JSON schema.
    public var schema = 1
    public var locales: [Locale]
    public var diagnostics: [String]
    /// The exit code the problems in `diagnostics` call for (2 when the environment failed); not in the JSON.
    public var problemsExitCode: Int32 = 0

    enum CodingKeys: String, CodingKey {
        case schema, locales, diagnostics
    }

    /// Collects the status of `locales` (every target locale when nil).
    public static func collect(_ project: Project, locales: [LocaleTag]? = nil) -> StatusReport {
        var report = StatusReport(locales: [], diagnostics: [])
        let (documents, problems) = project.documents(in: nil)
        report.add(problems)
        // The glossary's errors hold translations back in build: status holds back the same ones.
        let glossary: Glossary
        do throws(DiagnosticError) { glossary = try Glossary.load(project) } catch {
            report.add(error.diagnostics)
            return report
        }
        for locale in locales ?? project.config.targets {
            let formatter = ValueFormatter(locale: locale)
            var entry = Locale(
                locale: locale.tag, threshold: project.config.threshold(for: locale), documents: [], units: 0, words: 0,
                publishableWords: 0, share: 1)
            for reference in documents
            where reference.root.locale != locale && project.targets(of: reference).contains(locale) {
                do throws(DiagnosticError) {
                    guard let document = try project.load(reference) else { continue }
                    entry.documents.append(
                        try status(
                            of: document, reference, locale: locale, project: project, formatter: formatter,
                            glossary: glossary))
                } catch {
                    report.add(error.diagnostics)
                }
            }
            entry.units = entry.documents.reduce(0) { $0 + $1.units }
            entry.words = entry.documents.reduce(0) { $0 + $1.words }
            entry.publishableWords = entry.documents.reduce(0) { $0 + $1.publishableWords }
            entry.share = entry.words == 0 ? 1 : Double(entry.publishableWords) / Double(entry.words)
            report.locales.append(entry)
        }
        return report
    }

    private static func status(
        of document: SourceDocument, _ reference: Project.DocumentRef, locale: LocaleTag, project: Project,
        formatter: ValueFormatter, glossary: Glossary
    ) throws(DiagnosticError) -> Document {
        let relative = project.xliffPath(reference, locale)
        let path = project.absolute(relative)
        let bytes = try FileStore.read(try project.contained(relative))
        var stored: [String: StoredUnit] = [:]
        var pending = MergeSummary(added: document.units.filter(\.isTranslatable).count)
        if let bytes {
            let file = try XLIFFFile.parse(bytes, path: path)
            try file.checkOrigin(document: reference.path, path: path)
            stored = file.storedUnits()
            pending = XLIFFMerger.merge(
                document, into: file, formatter: ValueFormatter(locale: document.locale), target: locale)
            pending.kept = 0
        }
        let checks = UnitChecks(source: reference.root.locale, target: locale, glossary: glossary)
        let selection = TranslationSelection(
            document: document, locale: locale, stored: stored, minimum: project.config.minState,
            formatter: formatter, checks: checks)
        var units: [String: Int] = [:]
        var words: [String: Int] = [:]
        for status in selection.units {
            units[status.state, default: 0] += 1
            words[status.state, default: 0] += status.words
        }
        return Document(
            path: reference.path, sourceLocale: reference.root.locale.tag, xliff: relative,
            units: selection.units.count,
            words: selection.totalWords, unitsByState: units, wordsByState: words,
            publishableWords: selection.usableWords,
            share: selection.share, wouldPublish: selection.share >= project.config.threshold(for: locale),
            pending: pending)
    }

    /// The report as stable JSON: sorted keys, two-space indent.
    public func json() throws -> String {
        String(decoding: try StableJSON.encode(self), as: UTF8.self)
    }
}
