import ArgumentParser
import L10nPipeline

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained dashboard of where every locale stands to Bundles/report/index.html.",
        discussion: """
            Per locale: a progress bar of words by state, the documents with their completeness, the units \
            waiting for review with their previous source, and the check's findings. No scripts, no outside \
            assets: it opens offline. Its figures are those of 'ccl10n status --json'.

            Example:
              ccl10n report && xdg-open Bundles/report/index.html
            """
    )

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let project = try options.openProject()
        let written: (path: String, problems: [String], exitCode: Int32)
        do throws(DiagnosticError) {
            written = try Dashboard.write(project)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode(error.diagnostics.exitCode)
        }
        for line in written.problems { Console.printError(line) }
        print("wrote \(written.path)")
        if !written.problems.isEmpty { throw ExitCode(max(1, written.exitCode)) }
    }
}
