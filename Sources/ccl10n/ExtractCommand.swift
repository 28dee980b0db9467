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

    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Write nothing; exit 1 when any XLIFF file is out of date.")
    var check = false

    @Flag(help: """
        Accept targets a tool filled without confirming them (state new, text other than the source): \
        mark them translated.
        """)
    var acceptFilled = false

    @Option(name: .customLong("xliff-version"), help: "The XLIFF version of new files: 1.2 or 2.1 (default: the configuration's, else 1.2). Existing files keep theirs.")
    var xliffVersion: String?

    func run() throws {
        var version: XLIFFVersion?
        if let xliffVersion {
            guard let chosen = XLIFFVersion(rawValue: xliffVersion) else {
                throw ValidationError("--xliff-version must be 1.2 or 2.1, not '\(xliffVersion)'")
            }
            version = chosen
        }
        let (project, lock) = try options.lockProject()
        defer { withExtendedLifetime(lock) {} }
        let report = Extractor(project: project).run(check: check, version: version, shard: try sharding.chosen(),
                                                       acceptFilled: acceptFilled)
        Console.report(report.diagnostics)
        let summary = report.summary
        if check {
            for file in report.changedFiles { print("out of date: \(file)") }
        } else {
            for file in report.changedFiles { print("wrote \(file)") }
        }
        if acceptFilled { print("accepted \(summary.accepted) filled targets (state new → translated)") }
        print("\(report.documentCount) documents: \(summary.added) new, \(summary.changed) changed, \(summary.removed) removed, \(summary.kept) unchanged units; \(report.changedFiles.count) files \(check ? "out of date" : "written")")
        if report.hasErrors { throw ExitCode(report.diagnostics.exitCode) }
        if check && !report.changedFiles.isEmpty { throw ExitCode(1) }
    }
}
