import ArgumentParser
import L10nPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check XLIFF files: well-formed XML and a sound XLIFF structure, each problem with its position.",
        discussion: """
            Example:
              ccl10n validate Locales/nl/news/week-of-rare-cancers.md.xlf
              ccl10n validate --prefixes extra-prefixes.properties suite/*.xlf

            A file in the project's Locales/<locale>/ must hold one <file> whose original names its document, \
            as every other command requires.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(
        help: ArgumentHelp(
            """
            XLIFF 2 fragment-identifier prefixes of extension namespaces: a file of 'namespace=prefix' lines \
            (Java properties, '\\:' for ':').
            """, valueName: "file"))
    var prefixes: String?

    @Argument(help: "XLIFF files (relative to --root, or absolute).")
    var files: [String]

    func run() throws {
        var extraPrefixes: [String: String] = [:]
        if let prefixes {
            do {
                extraPrefixes = try XLIFFValidator.readPrefixes(path: prefixes)
            } catch {
                Console.report(error.diagnostics)
                throw ExitCode(2)
            }
        }
        let project = try? Project(root: options.root)
        var exitCode: Int32 = 0
        for file in files {
            let path = file.hasPrefix("/") ? file : (options.root == "." ? file : options.root + "/" + file)
            let problems = XLIFFValidator.validate(path: path, extraPrefixes: extraPrefixes, project: project)
            Console.report(problems)
            if problems.contains(where: { $0.severity == .error }) {
                // 1 for an invalid file, 2 for one that cannot be read (missing, a FIFO, no permission).
                exitCode = max(exitCode, problems.exitCode)
            } else {
                print("\(path): valid")
            }
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
