import ArgumentParser
import L10nPipeline

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write every document in a locale, with its values formatted by ICU, to Bundles/<locale>/.",
        discussion: """
            Translated units come from Locales/<locale>/; a document below the publishing threshold is \
            published in its source language and flagged in Bundles/<locale>/manifest.json. With a site \
            layout in ccl10n.yml (output: { layout: hugo }), the documents go where the site generator \
            reads them. The pseudo-locales en-XA (accented, longer, bracketed) and ar-XB (right to left) \
            build from the sources before any translation exists.

            Example:
              ccl10n build --locale nl
              ccl10n build --locale all --format html
              ccl10n build --locale en-XA
            """
    )

    @OptionGroup var options: ProjectOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var sharding: ShardOptions

    @Option(
        help: ArgumentHelp(
            "The locale to build: a target locale, 'all' for every one, or a pseudo-locale "
                + "(en-XA, ar-XB).", valueName: "locale"),
        completion: LocaleCompletion.candidates(extra: ["all"] + PseudoLocale.tags))
    var locale: String

    @Option(
        help: ArgumentHelp(
            "Output: md (the documents as written) or html (also a standalone page of each Markdown "
                + "document, and an index)."))
    var format: OutputFormat = .md

    @Option(
        name: .customLong("min-state"),
        help: "Publish only translations in this state or above (default: the configuration's).")
    var minState: PublishState?

    func run() throws {
        let (project, lock) = try options.lockProject()
        defer { withExtendedLifetime(lock) {} }
        let locales = locale == "all" ? project.config.targets : [try Console.buildLocale(locale, in: project)]
        var exitCode: Int32 = 0
        for tag in locales {
            var builder = Builder(project: project, minState: minState?.state, html: format == .html)
            let progress = output.progress("build \(tag.tag)")
            builder.progress = progress?.handler
            let report = builder.run(locale: tag, shard: try sharding.chosen())
            progress?.finish()
            output.report(report.diagnostics)
            exitCode = max(exitCode, report.diagnostics.exitCode)
            for file in report.writtenFiles { output.detail("wrote \(file)") }
            let place = project.config.layout.kind == .plain ? "Bundles/\(tag.tag)" : "\(tag.tag)"
            output.summary(
                "\(place): \(report.documentCount) documents (\(report.fallbackCount) in their source language), "
                    + "\(report.writtenFiles.count) files written")
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
