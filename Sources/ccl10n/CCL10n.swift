import ArgumentParser
import L10nPipeline

@main
struct CCL10n: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccl10n",
        abstract: "Localize Markdown content through XLIFF, with values formatted per locale by ICU.",
        discussion: """
            A content project has Sources-EN/ and Sources-NL/ (Markdown with YAML front matter), Locales/<locale>/ \
            (one XLIFF file per document and target locale) and Bundles/<locale>/ (build output).

            Exit codes: 0 success, 1 content or translation problems, 2 usage or environment errors.
            """,
        subcommands: [ExtractCommand.self, BuildCommand.self, ValidateCommand.self]
    )
}

/// Options every command takes.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder.")
    var root: String = "."

    /// Opens the project, exiting with code 2 (environment) when it cannot be read.
    func openProject() throws -> Project {
        do throws(DiagnosticError) {
            return try Project(root: root)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode(2)
        }
    }
}
