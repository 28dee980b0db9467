import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// ccl10n killed with SIGKILL at random moments: every file is the complete old or the complete new version,
/// and the next run finishes the work. `make crash-test` runs 100 trials; `make test` a few
/// (CCL10N_CRASH_TRIALS sets the number). The kill delays come from a seed the test prints; CCL10N_CRASH_SEED
/// replays a run with it.
@Suite(.serialized) struct CrashSafetyTests {
    static var trials: Int { Int(ProcessInfo.processInfo.environment["CCL10N_CRASH_TRIALS"] ?? "") ?? 4 }
    static var seed: UInt64 {
        UInt64(ProcessInfo.processInfo.environment["CCL10N_CRASH_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
    }

    /// A project of 150 documents, extracted; then every source gains a sentence, so the next extract
    /// rewrites every XLIFF file and the next build every page.
    static func project(at root: String) throws {
        for index in 0..<150 {
            try TestSupport.write(
                "# Page \(index)\n\nFirst paragraph of page \(index), with {\(index), number} items.\n\nSecond one.\n",
                to: root + "/Sources-EN/d\(index % 10)/page\(index).md")
        }
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", root]).status == 0)
        for index in 0..<150 {
            let path = root + "/Sources-EN/d\(index % 10)/page\(index).md"
            try TestSupport.write(try TestSupport.read(path) + "\nAdded later.\n", to: path)
        }
    }

    @Test func killedRunsLeaveOldOrNewFilesAndTheNextRunFinishes() throws {
        let template = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(template) }
        try Self.project(at: template)
        let before = try TestSupport.snapshot(template)
        // The finished state, from an uninterrupted run on a copy.
        let finished = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(finished) }
        try TestSupport.copyTree(template, to: finished)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try CLIRun.run(["extract", "--root", finished]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", finished]).status == 0)
        let duration = clock.now - started
        let after = try TestSupport.snapshot(finished)

        let seed = Self.seed
        print("CrashSafetyTests: CCL10N_CRASH_SEED=\(seed) replays these kill delays")
        var generator = SeededGenerator(seed: seed)
        for trial in 0..<Self.trials {
            let root = try TestSupport.temporaryFolder()
            defer { TestSupport.remove(root) }
            try TestSupport.copyTree(template, to: root)
            // Kill somewhere in extract or in the build that follows.
            let total = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            let delay = Double.random(in: 0...total, using: &generator)
            let extract = try CLIRun.start(["extract", "--root", root])
            var status: Int32 = 0
            usleep(UInt32(delay * 1_000_000))
            kill(extract, SIGKILL)
            waitpid(extract, &status, 0)
            var built: [String: [UInt8]]?
            if trial % 2 == 1 {
                let build = try CLIRun.start(["build", "--locale", "nl", "--root", root])
                usleep(UInt32(delay * 500_000))
                kill(build, SIGKILL)
                waitpid(build, &status, 0)
                // A build that ran to its end after a killed extract built what it found, old and new XLIFF
                // files mixed: its bundle is a complete version of its own, the one a build of a copy gives.
                if status & 0x7F == 0 { built = try Self.bundleBuilt(from: root) }
            }
            let now = try TestSupport.snapshot(root)
            for (path, bytes) in now where path.hasPrefix("Locales/") || path.hasPrefix("Bundles/") {
                if let built, path.hasPrefix("Bundles/") {
                    #expect(
                        bytes == built[path],
                        "seed \(seed) trial \(trial): \(path) is not what its finished build makes")
                } else {
                    #expect(
                        bytes == before[path] || bytes == after[path],
                        "seed \(seed) trial \(trial): \(path) is neither the old nor the new version")
                }
            }
            // The next runs finish the work: the same bytes as the uninterrupted run.
            #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
            #expect(try CLIRun.run(["build", "--locale", "nl", "--root", root]).status == 0)
            let final = try TestSupport.snapshot(root)
            #expect(final == after, "seed \(seed) trial \(trial): the next run did not finish the work")
            // Nor is a temporary file of the killed run left behind (the snapshot skips hidden files).
            #expect(
                HostileProjectTests.temporaries(under: root).isEmpty,
                "trial \(trial): \(HostileProjectTests.temporaries(under: root))")
        }
    }

    /// The bundle an uninterrupted build makes of a project as it is now (on a copy, without its bundle or
    /// caches).
    static func bundleBuilt(from root: String) throws -> [String: [UInt8]] {
        let copy = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(copy) }
        try TestSupport.copyTree(root, to: copy)
        TestSupport.remove(copy + "/Bundles")
        TestSupport.remove(copy + "/.ccl10n")
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", copy]).status == 0)
        return try TestSupport.snapshot(copy).filter { $0.key.hasPrefix("Bundles/") }
    }
}

/// SplitMix64: a small generator whose whole sequence follows from its seed, so a failing run can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
