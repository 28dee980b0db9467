import ArgumentParser
import L10nPipeline

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Create or update the XLIFF file of every document for every target locale.",
        discussion: """
            Translations, states, notes and anything else a translator's tool added are kept. A new unit is \
            'new', its target a copy of the source (what OmegaT and Okapi translate); a unit whose source \
            changed keeps its target, becomes 'needs-review-translation' and carries \
            the previous source as an alt-trans. A file is written only when its bytes change.

            Example:
              ccl10n extract --root my-site
              ccl10n extract --check      # exit 1 when any XLIFF is out of date; writes nothing
              ccl10n extract --accept-filled   # after OmegaT or podebug: their state-new targets become translated
            """
    )

    @OptionGroup var options: ProjectOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Write nothing; exit 1 when any XLIFF file is out of date.")
    var check = false

    @Flag(
        help: """
            Accept targets a tool filled without confirming them (state new, text other than the source): \
            mark them translated.
            """)
    var acceptFilled = false

    @Option(
        name: .customLong("xliff-version"),
        help: "The XLIFF version of new files (default: the configuration's, else 1.2). Existing files keep theirs.")
    var xliffVersion: XLIFFVersion?

    func run() throws {
        let (project, lock) = try options.lockProject()
        defer { withExtendedLifetime(lock) {} }
        var extractor = Extractor(project: project)
        let progress = output.progress("extract")
        extractor.progress = progress?.handler
        let report = extractor.run(
            check: check, version: xliffVersion, shard: try sharding.chosen(),
            acceptFilled: acceptFilled)
        progress?.finish()
        output.report(report.diagnostics)
        let summary = report.summary
        if check {
            // The files out of date are what --check finds: listed like check's findings, not as progress.
            if !output.quiet { for file in report.changedFiles { print("out of date: \(file)") } }
        } else {
            for file in report.changedFiles { output.detail("wrote \(file)") }
        }
        if acceptFilled { output.summary("accepted \(summary.accepted) filled targets (state new → translated)") }
        output.summary(
            "\(report.documentCount) documents: \(summary.added) new, \(summary.changed) changed, "
                + "\(summary.removed) removed, \(summary.kept) unchanged units; "
                + "\(report.changedFiles.count) files \(check ? "out of date" : "written")")
        if report.hasErrors { throw ExitCode(report.diagnostics.exitCode) }
        if check && !report.changedFiles.isEmpty { throw ExitCode(1) }
    }
}
