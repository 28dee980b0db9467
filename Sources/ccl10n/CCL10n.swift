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
        version: CCL10n.version,
        subcommands: [
            InitCommand.self, ExtractCommand.self, BuildCommand.self, StatusCommand.self, CheckCommand.self,
            ReportCommand.self, MemoryCommand.self, ValidateCommand.self,
        ]
    )

    /// The version `ccl10n --version` prints.
    static let version = "0.1.0"

    /// Runs a command; usage errors exit with 2 (not argument-parser's 64), as the README promises.
    static func main() {
        var command: (any ParsableCommand)?
        do {
            command = try parseAsRoot()
            try command?.run()
        } catch let error as ValidationError {
            // Thrown by a command's run(): argument-parser would show the top-level usage; show the command's.
            let name = command.map { type(of: $0) } ?? CCL10n.self
            let usage = usageString(for: name).replacing("\n", with: "\n  ")
            // The command's words, as the usage line starts with them (`ccl10n tm import`).
            let words = usage.split(separator: " ").prefix { !"[<-".contains($0.first ?? "-") }.joined(separator: " ")
            let help = "\(words) --help"
            Console.printError("Error: \(error.message)\nUsage: \(usage)\n  See '\(help)' for more information.")
            exitProcess(2)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            // Help, version and the help dump: argument-parser prints them and exits 0.
            if code == .success { exit(withError: error) }
            if !message.isEmpty { Console.printError(message) }
            exitProcess(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Options every command takes.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder.")
    var root: String = "."

    /// Opens the project and takes its lock for a run that writes (exit code 2 when another run has it).
    func lockProject() throws -> (Project, ProjectLock) {
        let project = try openProject()
        do throws(DiagnosticError) {
            return (project, try ProjectLock(project: project))
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode(2)
        }
    }

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

/// `--shard i/n`, for the commands that can split their documents.
struct ShardOptions: ParsableArguments {
    @Option(help: "Work on one shard of the documents, i/n (1-based), to run n jobs side by side.")
    var shard: String?

    /// The shard asked for, if any.
    func chosen() throws -> Project.Shard? {
        guard let shard else { return nil }
        guard let parsed = Project.Shard(shard) else {
            throw ValidationError("--shard takes i/n with 1 ≤ i ≤ n, as in 2/4")
        }
        return parsed
    }
}
