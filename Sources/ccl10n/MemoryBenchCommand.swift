import ArgumentParser
import L10nPipeline

extension MemoryCommand {
    /// `ccl10n tm bench`: for `make bench` (hidden), the time of one fuzzy lookup in a memory of any size.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Time fuzzy lookups against a memory (for make bench).",
            shouldDisplay: false
        )

        @Option(help: "The memory: one entry a line, source and target separated by a tab.")
        var entries: String

        @Option(help: "The queries: one source text a line.")
        var queries: String

        func run() throws {
            let result: LookupBenchmark.Result
            do throws(DiagnosticError) { result = try LookupBenchmark.run(entries: entries, queries: queries) } catch {
                Console.report(error.diagnostics)
                throw ExitCode(1)
            }
            let sorted = result.lookups.sorted()
            func ms(_ quantile: Double) -> String {
                guard !sorted.isEmpty else { return "-" }
                let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))] * 1000
                return String((value * 1000).rounded() / 1000)
            }
            print("entries\t\(result.entries)\nindex_s\t\(result.build)\nlookups\t\(sorted.count)")
            print("median_ms\t\(ms(0.5))\np90_ms\t\(ms(0.9))\nmax_ms\t\(ms(1))\nmatches\t\(result.matches)")
        }
    }
}
