import ArgumentParser
import L10nPipeline

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check every translation: codes and values, numbers, whitespace, punctuation, length, glossary, markup.",
        discussion: """
            Exit code 1 when an error is found (a warning too, with --strict). Build never publishes a \
            translation with an error: it uses the source text instead. Terms come from Locales/glossary.yml.

            Example:
              ccl10n check --locale nl
              ccl10n check --strict --json > findings.json
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "Only this target locale.", completion: LocaleCompletion.candidates(extra: []))
    var locale: String?

    @Flag(help: "Print JSON for machines.")
    var json = false

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let project = try options.openProject()
        let locales = try locale.map { try [Console.targetLocale($0, in: project)] }
        let report = QualityReport.collect(project, locales: locales)
        for line in report.diagnostics { Console.printError(line) }
        if json {
            print(try report.json())
        } else {
            for finding in report.findings { print(finding.description) }
            let filled = report.findings.filter { $0.rule == QualityReport.filledNewRule }.count
            if filled > 0 { print(Console.filledNewAdvice(filled)) }
            print("\(report.errorCount) errors, \(report.warningCount) warnings")
        }
        if report.problemsExitCode == 2 { throw ExitCode(2) }
        if !report.diagnostics.isEmpty || report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}
