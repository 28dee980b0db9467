import ArgumentParser
import L10nPipeline

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write every document in a locale, with its values formatted by ICU, to Bundles/<locale>/.",
        discussion: """
            Translated units come from Locales/<locale>/; a document below the publishing threshold is \
            published in its source language and flagged in Bundles/<locale>/manifest.json.

            Example:
              ccl10n build --locale nl
              ccl10n build --locale all --format html
            """
    )

    @OptionGroup var options: ProjectOptions

    @OptionGroup var sharding: ShardOptions

    @Option(help: "The locale to build, or 'all' for every target locale.")
    var locale: String

    @Option(help: "Output: md (the documents as written, the default) or html (also a standalone page of each Markdown document, and an index).")
    var format: String = "md"

    @Option(name: .customLong("min-state"), help: "Publish only translations in this state or above: translated, signed-off or final (default: the configuration's).")
    var minState: String?

    func run() throws {
        var minimum: TranslationState?
        if let minState {
            guard let state = TranslationState(rawValue: minState), state >= .translated else {
                throw ValidationError("--min-state must be translated, signed-off or final, not '\(minState)'")
            }
            minimum = state
        }
        guard ["md", "html"].contains(format) else { throw ValidationError("--format must be md or html, not '\(format)'") }
        let (project, lock) = try options.lockProject()
        defer { withExtendedLifetime(lock) {} }
        let locales = locale == "all" ? project.config.targets : [try Console.targetLocale(locale, in: project)]
        var exitCode: Int32 = 0
        for tag in locales {
            let report = Builder(project: project, minState: minimum, html: format == "html").run(locale: tag, shard: try sharding.chosen())
            Console.report(report.diagnostics)
            exitCode = max(exitCode, report.diagnostics.exitCode)
            let documents = report.manifest.documents
            let fallbacks = documents.filter(\.fallback).count
            print("Bundles/\(tag.tag): \(documents.count) documents (\(fallbacks) in their source language), \(report.writtenFiles.count) files written")
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
