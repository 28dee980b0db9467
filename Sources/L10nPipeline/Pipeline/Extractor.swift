/// `ccl10n extract`: reads every source document and creates or updates its XLIFF file for each target
/// locale, writing a file only when its bytes change.
public struct Extractor: Sendable {
    public let project: Project

    public init(project: Project) {
        self.project = project
    }

    /// What one extract run found and did.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// XLIFF files written (or, with `check`, that would be), relative to the project root.
        public var changedFiles: [String] = []
        public var summary = MergeSummary()
        public var documentCount = 0

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Runs extract; with `check`, writes nothing and lists the files that are out of date. New XLIFF files
    /// are written in `version` (default: the configuration's); existing ones keep the version they have.
    public func run(check: Bool = false, version: XLIFFVersion? = nil) -> Report {
        var report = Report()
        report.diagnostics = project.warnings
        let documents = project.documents()
        report.diagnostics += project.collisions(documents)
        guard !report.hasErrors else { return report }
        report.documentCount = documents.count
        var memories: [String: TranslationMemory] = [:]
        for document in documents {
            extract(document, check: check, version: version, memories: &memories, into: &report)
        }
        for (relative, memory) in memories.sorted(by: { $0.key < $1.key }) {
            let bytes = memory.tmx()
            do throws(DiagnosticError) {
                let old = try FileStore.read(project.absolute(relative))
                // An empty memory is written only over an existing file.
                guard old != bytes, old != nil || !memory.entries.isEmpty else { continue }
                report.changedFiles.append(relative)
                if !check { try FileStore.writeAtomically(bytes, to: project.absolute(relative)) }
            } catch {
                report.diagnostics += error.diagnostics
            }
        }
        return report
    }

    /// The translation memory for a language pair, read from disk the first time it is needed.
    private func memory(_ source: LocaleTag, _ target: LocaleTag, in memories: inout [String: TranslationMemory]) throws(DiagnosticError) -> String {
        let relative = TranslationMemory.path(source: source, target: target)
        if memories[relative] == nil {
            if let bytes = try FileStore.read(project.absolute(relative)) {
                memories[relative] = try TranslationMemory.read(bytes, path: project.absolute(relative), source: source, target: target)
            } else {
                memories[relative] = TranslationMemory(source: source, target: target)
            }
        }
        return relative
    }

    /// Adds every usable translation of a file to the memory, removed units included.
    private func harvest(_ file: XLIFFFile, document: SourceDocument, path: String, into memory: inout TranslationMemory) {
        let codesByUnit = Dictionary(document.units.map { ($0.id, $0.codes) }, uniquingKeysWith: { first, _ in first })
        for unit in file.units {
            guard let stored = StoredUnit(unit), let target = stored.target, stored.isUsable(minimum: .translated), target.hasText,
                  stored.source.hasText else { continue }
            let codes = Dictionary((codesByUnit[stored.id] ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            memory.add(.init(source: stored.source, target: target, codes: codes, document: path))
        }
    }

    private func extract(_ reference: Project.DocumentRef, check: Bool, version: XLIFFVersion?,
                         memories: inout [String: TranslationMemory], into report: inout Report) {
        let document: SourceDocument
        do throws(DiagnosticError) {
            guard let loaded = try project.load(reference) else { return }
            document = loaded
        } catch {
            // A document with errors leaves its XLIFF files as they were.
            report.diagnostics += error.diagnostics
            return
        }
        let formatter = ValueFormatter(locale: reference.root.locale)
        for target in project.targets(of: reference) {
            let relative = project.xliffPath(reference, target)
            let path = project.absolute(relative)
            do throws(DiagnosticError) {
                let file: XLIFFFile
                let old = try FileStore.read(path)
                if let old {
                    file = try XLIFFFile.parse(old, path: path)
                    try checkLanguages(file, reference: reference, target: target, path: path)
                } else {
                    file = XLIFFFile(original: reference.path, source: reference.root.locale, target: target,
                                     version: version ?? project.config.xliffVersion, datatype: document.format == .html ? "html" : "x-markdown")
                }
                let memoryPath = try memory(reference.root.locale, target, in: &memories)
                report.summary += XLIFFMerger.merge(document, into: file, formatter: formatter, target: target, memory: memories[memoryPath],
                                                    documentPath: reference.path)
                if var memory = memories[memoryPath] {
                    harvest(file, document: document, path: reference.path, into: &memory)
                    memories[memoryPath] = memory
                }
                let bytes = file.serialized()
                guard bytes != old else { continue }
                report.changedFiles.append(relative)
                if !check { try FileStore.writeAtomically(bytes, to: path) }
            } catch {
                report.diagnostics += error.diagnostics
            }
        }
    }

    /// An XLIFF file must be for the document's languages; a mismatch means a misplaced file.
    private func checkLanguages(_ file: XLIFFFile, reference: Project.DocumentRef, target: LocaleTag, path: String) throws(DiagnosticError) {
        let original = file.file["original"]
        if let original, original != reference.path {
            let outside = original.hasPrefix("/") || !Path.staysInside(original)
            throw DiagnosticError(Diagnostic(.error, path: path, line: file.file.line, column: 0, outside
                ? "original '\(original)' leads outside the project; refusing the file"
                : "original '\(original)' is not this file's document '\(reference.path)': a misplaced or renamed file"))
        }
        let (source, fileTarget) = file.languages
        if source != reference.root.locale.tag || (fileTarget != nil && fileTarget != target.tag) {
            throw DiagnosticError(Diagnostic(.error, path: path, line: file.file.line, column: 0,
                "this file is for \(source ?? "?") → \(fileTarget ?? "?"), but its place says \(reference.root.locale.tag) → \(target.tag)"))
        }
    }
}
