import FoundationEssentials
import Testing

@testable import L10nPipeline

/// The pseudo-translated round trip on Markdown written by other people: READMEs, guides and changelogs of
/// open-source Swift packages (Apache-2.0 and MIT), materialized from the local package mirror into
/// `.build/realworld-corpus` by `Tests/Corpus/realworld-corpus.sh` on first use; never part of the project.
@Suite(
    .enabled(if: RealWorldCorpus.folder != nil, "no package mirror at /opt/swift-packages: real-world fidelity skipped")
)
struct RealWorldFidelityTests {
    @Test func pseudoTranslationRoundTripsOnRealWorldMarkdown() throws {
        let folder = try #require(RealWorldCorpus.folder)
        var files: [(path: String, bytes: [UInt8])] = []
        for path in FileStore.files(under: folder).sorted() where path.lowercased().hasSuffix(".md") {
            files.append((path, try #require(try FileStore.read(folder + "/" + path))))
        }
        #expect(files.count >= 200, "the corpus has only \(files.count) files")
        let outcome = try PseudoRoundTrip.run(files)
        print(PseudoRoundTrip.summary("Real-world Markdown (\(folder))", outcome))
        for (path, detail) in outcome.different { print("different: \(path): \(detail)") }
        for (path, detail) in outcome.failed { print("not built: \(path): \(detail)") }
        #expect(
            Double(outcome.exact.count) >= 0.99 * Double(outcome.total), "\(outcome.exact.count) of \(outcome.total)")
        #expect(outcome.changedMarkup.isEmpty, "links, images or code changed in \(outcome.changedMarkup)")
        #expect(outcome.identityDifferent.isEmpty, "\(outcome.identityDifferent)")
    }
}

/// Where the real-world corpus is.
enum RealWorldCorpus {
    static let mirror = "/opt/swift-packages"

    /// The corpus folder, materialized on first use; nil when the mirror is absent. `CCL10N_CORPUS` names
    /// another folder of Markdown files to measure instead.
    static let folder: String? = {
        if let other = ProcessInfo.processInfo.environment["CCL10N_CORPUS"] { return other }
        let folder = TestSupport.packageRoot + "/.build/realworld-corpus"
        if FileStore.isDirectory(folder) { return folder }
        guard FileStore.isDirectory(mirror) else { return nil }
        let script = TestSupport.packageRoot + "/Tests/Corpus/realworld-corpus.sh"
        let run = try? CLIRun.run(executable: "/bin/bash", [script, mirror, folder])
        return run?.status == 0 && FileStore.isDirectory(folder) ? folder : nil
    }()
}
