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
              ccl10n build --locale all
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "The locale to build, or 'all' for every target locale.")
    var locale: String

    func run() throws {
        let project = try options.openProject()
        let locales: [LocaleTag]
        if locale == "all" {
            locales = project.config.targets
        } else if let tag = LocaleTag(locale), project.config.targets.contains(tag) {
            locales = [tag]
        } else {
            let known = project.config.targets.map(\.tag).joined(separator: ", ")
            throw ValidationError("'\(locale)' is not a target locale of this project (targets: \(known), or all)")
        }
        var failed = false
        for tag in locales {
            let report = Builder(project: project).run(locale: tag)
            Console.report(report.diagnostics)
            failed = failed || report.hasErrors
            let documents = report.manifest.documents
            let fallbacks = documents.filter(\.fallback).count
            print("Bundles/\(tag.tag): \(documents.count) documents (\(fallbacks) in their source language), \(report.writtenFiles.count) files written")
        }
        if failed { throw ExitCode(1) }
    }
}
