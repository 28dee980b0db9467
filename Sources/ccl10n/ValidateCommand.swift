import ArgumentParser
import L10nPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check XLIFF files: well-formed XML and a sound XLIFF structure, each problem with its position.",
        discussion: """
            Example:
              ccl10n validate Locales/nl/news/week-of-rare-cancers.md.xlf
            """
    )

    @OptionGroup var options: ProjectOptions

    @Argument(help: "XLIFF files (relative to --root, or absolute).")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            let path = file.hasPrefix("/") ? file : (options.root == "." ? file : options.root + "/" + file)
            let problems = XLIFFValidator.validate(path: path)
            Console.report(problems)
            if problems.contains(where: { $0.severity == .error }) {
                failed = true
            } else {
                print("\(path): valid")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
