import ArgumentParser
import L10nPipeline

struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Work with the translation memory (TMX files in Locales/tm/).",
        subcommands: [Import.self, Bench.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bring an agency's TMX memory into the project's memories.",
            discussion: """
                Each translation unit with variants in one of the project's language pairs is added to that \
                pair's memory (existing entries win). The next extract uses it for new units.

                Example:
                  ccl10n tm import agency.tmx
                """
        )

        @OptionGroup var options: ProjectOptions

        @Argument(help: "The TMX file.")
        var file: String

        func run() throws {
            let (project, lock) = try options.lockProject()
            defer { withExtendedLifetime(lock) {} }
            do throws(DiagnosticError) {
                let added = try TranslationMemory.importTMX(file, into: project)
                for (path, count) in added.sorted(by: { $0.key < $1.key }) { print("\(path): \(count) entries added") }
                if added.isEmpty { print("no translation unit of \(file) is in one of the project's language pairs") }
            } catch {
                Console.report(error.diagnostics)
                throw ExitCode(error.diagnostics.exitCode)
            }
        }
    }
}
