import Testing

@testable import L10nPipeline

/// What the CLI prints, on a terminal (a pseudo-terminal made by `script`) and off one, and how it refuses
/// wrong usage.
@Suite struct TerminalOutputTests {
    /// Runs ccl10n with arguments inside a pseudo-terminal; stdout and stderr both arrive as the terminal shows them.
    static func onTerminal(_ arguments: [String]) throws -> CLIRun {
        let script = try #require(TestSupport.tool("script"), "script (bsdutils) is not installed")
        let command = ([CLIRun.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CLIRun.run(executable: script, ["-qec", command, "/dev/null"])
    }

    @Test func aTerminalShowsAProgressLineThenTheSummary() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let extract = try Self.onTerminal(["extract", "--root", root])
        #expect(extract.status == 0)
        #expect(extract.stdout.contains("\r\u{1B}[2Kextract  [1/2] Sources-"), "\(extract.stdout.debugDescription)")
        #expect(extract.stdout.contains("\r\u{1B}[2Kextract  [2/2] Sources-"))
        // The progress line is cleared, then one summary line.
        #expect(
            extract.stdout.hasSuffix(
                "\r\u{1B}[2K2 documents: 0 new, 0 changed, 0 removed, 33 unchanged units; 0 files written\r\n"),
            "\(extract.stdout.debugDescription)")
        let build = try Self.onTerminal(["build", "--locale", "nl", "--root", root])
        #expect(build.stdout.contains("build nl [2/2] Sources-"), "\(build.stdout.debugDescription)")
        #expect(!build.stdout.contains("wrote "))
        #expect(build.stdout.hasSuffix("Bundles/nl: 2 documents (0 in their source language), 3 files written\r\n"))
        // --quiet: nothing at all on success, not even progress.
        let quiet = try Self.onTerminal(["build", "--locale", "en", "--quiet", "--root", root])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty, "\(quiet.stdout.debugDescription)")
    }

    @Test func offATerminalOnlyTheSummaryAndWithVerboseEveryFile() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let build = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        #expect(build.stdout == "Bundles/nl: 2 documents (0 in their source language), 3 files written\n")
        #expect(build.stderr.isEmpty)
        TestSupport.remove(root + "/Bundles")
        let verbose = try CLIRun.run(["build", "--locale", "nl", "--verbose", "--root", root])
        #expect(
            verbose.stdout.split(separator: "\n").filter { $0.hasPrefix("wrote Bundles/nl/") }.count == 3,
            "\(verbose.stdout)")
        // A warning is not an error: --quiet leaves it out.
        try TestSupport.write("targets: [en, nl]\npublish: { threshold: 0.8 }\n", to: root + "/ccl10n.yml")
        #expect(try CLIRun.run(["extract", "-q", "--root", root]).stdout.isEmpty)
    }

    @Test func versionIsPrinted() throws {
        let run = try CLIRun.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
    }

    @Test func fixedValueOptionsAreRefusedByTheParserWithTheirChoices() throws {
        let format = try CLIRun.run(["build", "--locale", "nl", "--format", "pdf", "--root", TestSupport.packageRoot])
        #expect(format.status == 2)
        #expect(format.stderr.contains("Please provide one of 'md' and 'html'"), "\(format.stderr)")
        #expect(format.stderr.contains("Usage: ccl10n build "))
        let state = try CLIRun.run(["build", "--locale", "nl", "--min-state", "new", "--root", TestSupport.packageRoot])
        #expect(state.stderr.contains("Please provide one of 'translated', 'signed-off' or 'final'"), "\(state.stderr)")
        let version = try CLIRun.run(["extract", "--xliff-version", "2.0", "--root", TestSupport.packageRoot])
        #expect(version.stderr.contains("Please provide one of '1.2' and '2.1'"), "\(version.stderr)")
        let layout = try CLIRun.run(["init", "--layout", "gatsby", "--root", "/nonexistent"])
        #expect(
            layout.stderr.contains("Please provide one of 'plain', 'hugo', 'hugo-suffix' or 'jekyll'"),
            "\(layout.stderr)")
        // --help and the completions list them.
        let help = try CLIRun.run(["build", "--help"])
        #expect(help.stdout.contains("(values: md, html"))
        #expect(help.stdout.contains("(values: translated,"))
        let completion = try CLIRun.run(["--generate-completion-script", "fish"])
        #expect(completion.stdout.contains("-l 'format' -d 'Output: md (the documents as written)"))
        #expect(completion.stdout.contains("-rfka 'md html'"))
        #expect(completion.stdout.contains("-rfka 'translated signed-off final'"))
        #expect(completion.stdout.contains("---completion build -- --locale"))
    }

    /// An error the command finds after parsing shows that command's usage, not the top-level one.
    @Test func aUsageErrorShowsTheSubcommandsUsage() throws {
        let run = try CLIRun.run(["build", "--locale", "fr", "--root", TestSupport.packageRoot])
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "Error: 'fr' is not a locale this project builds (choose from: en, nl, all, en-XA, ar-XB)"))
        #expect(run.stderr.contains("Usage: ccl10n build [--root <root>]"), "\(run.stderr)")
        #expect(run.stderr.contains("See 'ccl10n build --help' for more information."))
        #expect(!run.stderr.contains("<subcommand>"))
        let status = try CLIRun.run(["status", "--locale", "fr", "--root", TestSupport.packageRoot])
        #expect(status.stderr.contains("Usage: ccl10n status "), "\(status.stderr)")
    }

    @Test func localeCompletionListsTheProjectsLocales() throws {
        let run = try CLIRun.run([
            "---completion", "build", "--", "--locale", "4", "0",
            "build", "--root", TestSupport.packageRoot, "--locale", "",
        ])
        #expect(
            run.stdout.split(separator: "\n").map(String.init) == ["en", "nl", "all", "en-XA", "ar-XB"],
            "\(run.stdout)\(run.stderr)")
    }
}
