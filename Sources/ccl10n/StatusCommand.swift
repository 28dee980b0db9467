import ArgumentParser
import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where each locale stands: units and words by state, and what would publish.",
        discussion: """
            Words are counted with ICU's word break iterator for the source locale. 'pending' is what \
            'ccl10n extract' would change now. With --json, the output follows a stable schema (README).

            Example:
              ccl10n status --locale nl
              ccl10n status --json > status.json
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "Only this target locale.", completion: LocaleCompletion.candidates(extra: []))
    var locale: String?

    @Flag(help: "Print JSON for machines.")
    var json = false

    func run() throws {
        let project = try options.openProject()
        let locales = try locale.map { try [Console.targetLocale($0, in: project)] }
        let report = StatusReport.collect(project, locales: locales)
        for line in report.diagnostics { Console.printError(line) }
        if json {
            print(try report.json())
            // The same exit code as the human form: a machine learns too that the figures miss something.
            if !report.diagnostics.isEmpty { throw ExitCode(max(1, report.problemsExitCode)) }
            return
        }
        let color = Console.colorsOnStdout
        for entry in report.locales {
            let share = Console.percent(entry.share)
            let mark =
                entry.share >= entry.threshold ? Console.paint("✓", .green, color) : Console.paint("✗", .yellow, color)
            print(
                "\(Console.paint(entry.locale, .bold, color))  \(entry.documents.count) documents, \(entry.units) units, \(entry.words) words, \(share) publishable \(mark)"
            )
            for document in entry.documents {
                let states = document.unitsByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                    separator: ", ")
                let pending = document.pending
                let changes =
                    pending == MergeSummary()
                    ? "" : "  pending: \(pending.added) new, \(pending.changed) changed, \(pending.removed) removed"
                let published =
                    document.wouldPublish
                    ? Console.paint(Console.percent(document.share), .green, color)
                    : Console.paint(Console.percent(document.share), .yellow, color)
                print("  \(document.path)  \(published) of \(document.words) words  (\(states))\(changes)")
            }
            if entry.filledNewUnits > 0 { print("  " + Console.filledNewAdvice(entry.filledNewUnits)) }
        }
        if !report.diagnostics.isEmpty { throw ExitCode(max(1, report.problemsExitCode)) }
    }
}
