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
        for document in documents {
            extract(document, check: check, version: version, into: &report)
        }
        return report
    }

    private func extract(_ reference: Project.DocumentRef, check: Bool, version: XLIFFVersion?, into report: inout Report) {
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
                report.summary += XLIFFMerger.merge(document, into: file, formatter: formatter, target: target)
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
