internal import FoundationEssentials

/// `ccl10n check`: every problem found in the translations, unit by unit.
public struct QualityReport: Codable, Sendable, ProblemCollecting {
    /// One finding: where (XLIFF file and line, unit), how serious, which check, and what.
    public struct Finding: Codable, Sendable, Equatable, CustomStringConvertible {
        public var locale: String
        /// The XLIFF file, relative to the project root.
        public var path: String
        public var line: Int
        public var unit: String
        public var severity: String
        public var rule: String
        public var message: String

        public var description: String { "\(path):\(line): \(severity): [\(unit)] \(message) (\(rule))" }
    }

    /// The rule of a target a tool filled but left in state new (``StoredUnit/isFilledNew``).
    public static let filledNewRule = "filled-new"

    public var schema = 1
    public var findings: [Finding]
    public var diagnostics: [String]
    /// The exit code the problems in `diagnostics` call for (2 when the environment failed); not in the JSON.
    public var problemsExitCode: Int32 = 0

    enum CodingKeys: String, CodingKey {
        case schema, findings, diagnostics
    }

    public var errorCount: Int { findings.filter { $0.severity == "error" }.count }
    public var warningCount: Int { findings.filter { $0.severity == "warning" }.count }

    /// Checks the translations into `locales` (every target locale when nil).
    public static func collect(_ project: Project, locales: [LocaleTag]? = nil) -> QualityReport {
        var report = QualityReport(findings: [], diagnostics: [])
        let glossary: Glossary
        do throws(DiagnosticError) { glossary = try Glossary.load(project) } catch {
            report.add(error.diagnostics)
            return report
        }
        let (documents, problems) = project.documents(in: nil)
        report.add(problems)
        for locale in locales ?? project.config.targets {
            let formatter = ValueFormatter(locale: locale)
            for reference in documents where project.targets(of: reference).contains(locale) {
                let relative = project.xliffPath(reference, locale)
                do throws(DiagnosticError) {
                    guard let document = try project.load(reference) else { continue }
                    let stored =
                        try FileStore.read(try project.contained(relative)).map { bytes throws(DiagnosticError) in
                            try XLIFFFile.streamStoredUnits(
                                bytes, path: project.absolute(relative),
                                document: reference.path)
                        } ?? [:]
                    let checks = UnitChecks(source: reference.root.locale, target: locale, glossary: glossary)
                    var units = document.units.filter(\.isTranslatable)
                    for unit in document.units {
                        units += VariantUnits.expand(unit, target: locale) { ordinal throws(ICUError) in
                            try formatter.rules(ordinal: ordinal)
                        }
                    }
                    for unit in units {
                        let match = TranslationSelection.match(unit, in: stored)
                        func add(_ severity: String, _ rule: String, _ message: String) {
                            report.findings.append(
                                Finding(
                                    locale: locale.tag, path: relative, line: match?.line ?? 0,
                                    unit: match?.id ?? unit.id, severity: severity, rule: rule, message: message))
                        }
                        let isCopy = match.map { $0.hasState && $0.state == .new && $0.target == $0.source } ?? false
                        guard let match, let target = match.target, target.hasText || !target.pieces.isEmpty,
                            !isCopy
                        else {
                            // A do-not-translate term is its own translation: nothing to ask of a translator.
                            if isCopy, glossary.isKeptTerm(unit.source.plainText), unit.codes.isEmpty { continue }
                            add(
                                "warning", "untranslated",
                                stored[unit.id] == nil && match == nil && !stored.isEmpty
                                    ? "no current unit in the XLIFF (run ccl10n extract)" : "not translated yet")
                            continue
                        }
                        if match.isFilledNew {
                            add(
                                "warning", Self.filledNewRule,
                                "filled, state new: a tool filled this target without "
                                    + "confirming it; not published until accepted (ccl10n extract --accept-filled)")
                        }
                        for problem in checks.problems(target, of: unit) {
                            add(problem.severity.rawValue, problem.rule, problem.message)
                        }
                    }
                } catch {
                    report.add(error.diagnostics)
                }
            }
        }
        return report
    }

    /// The report as stable JSON: sorted keys, two-space indent.
    public func json() throws -> String {
        String(decoding: try StableJSON.encode(self), as: UTF8.self)
    }
}
