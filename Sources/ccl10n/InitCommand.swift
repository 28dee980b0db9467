import ArgumentParser
import L10nPipeline

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a content project here: ccl10n.yml, Sources-EN/, Sources-NL/ and Locales/, with a sample page.",
        discussion: """
            It never overwrites a file. Then: ccl10n extract, translate Locales/nl/welcome.md.xlf, \
            ccl10n build --locale nl --format html.

            Example:
              mkdir my-site && cd my-site && ccl10n init
            """
    )

    @Option(name: .long, help: "The folder to create the project in.")
    var root: String = "."

    func run() throws {
        do throws(DiagnosticError) {
            let written = try ProjectInit.create(at: root)
            for file in written { print("created \(file)") }
            print("""

                Next:
                  ccl10n extract                       # writes Locales/nl/welcome.md.xlf
                  # translate it in your CAT tool (or edit the <target> elements)
                  ccl10n build --locale nl --format html
                  # open Bundles/nl/welcome.html; ccl10n status and ccl10n report show where you stand
                """)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode(error.diagnostics.exitCode)
        }
    }
}
