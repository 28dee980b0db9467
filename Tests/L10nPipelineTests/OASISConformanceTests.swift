import Testing

@testable import L10nPipeline

/// The OASIS XLIFF 2.1 test suite: every valid file is accepted, every invalid one rejected with a position.
@Suite(.enabled(if: TestSupport.hasShared, "../shared/conformance is absent: the OASIS suite is skipped"))
struct OASISConformanceTests {
    static var suite: String { (TestSupport.shared ?? "") + "/conformance/xliff2-test-suite/xliff-21" }

    /// The fragment-identifier prefixes the suite registers for extension namespaces
    /// (core/valid/extra-prefixes.properties: `namespace=prefix`, with `\:` escaping colons). The file sits
    /// with the valid documents and applies to them only: bad_InvalidFragIdUnknownPrefix.xlf uses the `my`
    /// prefix it registers, and must be rejected.
    static func extraPrefixes() throws -> [String: String] {
        let text = try TestSupport.read(suite + "/core/valid/extra-prefixes.properties")
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let unescaped = line.replacing("\\:", with: "\u{1}")
            let halves = unescaped.split(separator: "=", maxSplits: 1)
            guard halves.count == 2 else { continue }
            result[String(halves[0]).replacing("\u{1}", with: ":").trimmingSpaces] = String(halves[1]).trimmingSpaces
        }
        return result
    }

    static func files(_ folder: String) -> [String] {
        FileStore.files(under: suite + "/" + folder).filter { $0.hasSuffix(".xlf") }.map {
            suite + "/" + folder + "/" + $0
        }
    }

    @Test func validFilesAreAccepted() throws {
        var rejected: [String] = []
        let files = Self.files("core/valid") + Self.files("modules/valid")
        for path in files {
            let problems = XLIFFValidator.validate(path: path, extraPrefixes: try Self.extraPrefixes()).filter {
                $0.severity == .error
            }
            if !problems.isEmpty { rejected.append("\(Path.name(of: path)): \(problems[0].message)") }
        }
        print("OASIS XLIFF 2.1 valid files: \(files.count - rejected.count) of \(files.count) accepted")
        #expect(rejected.isEmpty, "\(rejected.joined(separator: "\n"))")
        #expect(files.count == 59)
    }

    @Test func invalidFilesAreRejectedWithAPosition() throws {
        var accepted: [String] = []
        var unpositioned: [String] = []
        let files = Self.files("core/invalid") + Self.files("modules/invalid")
        for path in files {
            let problems = XLIFFValidator.validate(path: path).filter { $0.severity == .error }
            if problems.isEmpty { accepted.append(Path.name(of: path)) }
            if let first = problems.first, first.line == 0 { unpositioned.append(Path.name(of: path)) }
        }
        print("OASIS XLIFF 2.1 invalid files: \(files.count - accepted.count) of \(files.count) rejected")
        #expect(accepted.isEmpty, "accepted: \(accepted.joined(separator: ", "))")
        #expect(unpositioned.isEmpty, "without a line: \(unpositioned.joined(separator: ", "))")
        #expect(files.count == 162)
    }

    /// The same suite through the command a user runs: `ccl10n validate --prefixes` with the suite's
    /// properties file accepts the valid files; the invalid ones are rejected.
    @Test func theCommandPassesTheSuite() throws {
        let valid = Self.files("core/valid") + Self.files("modules/valid")
        let accepted = try CLIRun.run(
            ["validate", "--prefixes", Self.suite + "/core/valid/extra-prefixes.properties"] + valid)
        let validLines = accepted.stdout.split(separator: "\n").filter { $0.hasSuffix(": valid") }
        print("ccl10n validate --prefixes: \(validLines.count) of \(valid.count) valid files accepted")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(validLines.count == 59)
        let invalid = Self.files("core/invalid") + Self.files("modules/invalid")
        let rejected = try CLIRun.run(["validate"] + invalid)
        let passed = rejected.stdout.split(separator: "\n").filter { $0.hasSuffix(": valid") }
        print("ccl10n validate: \(invalid.count - passed.count) of \(invalid.count) invalid files rejected")
        #expect(rejected.status == 1)
        #expect(passed.isEmpty, "\(passed)")
        #expect(invalid.count == 162)
    }
}
