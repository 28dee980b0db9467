import ArgumentParser
import L10nPipeline

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create a content project here: ccl10n.yml, Sources-EN/, Sources-NL/ and Locales/, with a sample page.",
        discussion: """
            It never overwrites a file. With --layout hugo, hugo-suffix or jekyll, ccl10n.yml builds into \
            site/ where the generator reads it, and site/ gets the generator's configuration and a page \
            template that links each page to its other language versions. Then: ccl10n extract, translate \
            Locales/nl/welcome.md.xlf, ccl10n build --locale nl --format html (or --locale all, then hugo or \
            jekyll build in site/).

            Example:
              mkdir my-site && cd my-site && ccl10n init
              ccl10n init --layout hugo
            """
    )

    @Option(name: .long, help: "The folder to create the project in.")
    var root: String = "."

    @Option(
        help: ArgumentHelp(
            "Where build puts the documents: plain (Bundles/<locale>/), hugo (content/<locale>/), "
                + "hugo-suffix (<name>.<locale>.md) or jekyll (<locale>/)."))
    var layout: SiteLayout.Kind = .plain

    @OptionGroup var output: OutputOptions

    func run() throws {
        do throws(DiagnosticError) {
            let written = try ProjectInit.create(at: root, layout: layout)
            for file in written { output.detail("created \(file)") }
            output.summary("created \(written.count) files: \(written.joined(separator: ", "))")
            let next =
                layout == .plain
                ? "ccl10n build --locale nl --format html\n  # open Bundles/nl/welcome.html"
                : "ccl10n build --locale all\n  cd site && \(layout == .jekyll ? "jekyll build" : "hugo")"
                    + "   # the Dutch page links to the English one"
            output.summary(
                """

                Next:
                  ccl10n extract                       # writes Locales/nl/welcome.md.xlf
                  # translate it in your CAT tool (or edit the <target> elements)
                  \(next)
                  # ccl10n status and ccl10n report show where you stand
                """)
        } catch {
            output.report(error.diagnostics)
            throw ExitCode(error.diagnostics.exitCode)
        }
    }
}
