import Testing

@testable import L10nPipeline

/// Shards and the run cache: the same bytes as a plain run, whatever is split or skipped.
@Suite final class ScaleTests {
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        for index in 0..<24 {
            try TestSupport.write(
                """
                # Report \(index)

                Paragraph \(index) has {\(index * 1000), number} readers. It was written on {2021-03-\(String(format2: index % 28 + 1)), date, long}.

                - Item *one* of \(index).
                """, to: root + "/Sources-EN/part\(index % 3)/doc\(index).md")
        }
    }

    deinit { TestSupport.remove(root) }

    func outputs(_ folder: String) throws -> [String: [UInt8]] {
        try TestSupport.snapshot(root + "/" + folder)
    }

    @Test func shardsTogetherEqualOneRunByteForByte() throws {
        let project = try Project(root: root)
        _ = Extractor(project: project).run()
        let single = try outputs("Locales").filter { $0.key.hasSuffix(".xlf") }
        _ = Builder(project: project).run(locale: .dutch)
        let singlePages = try outputs("Bundles/nl").filter { $0.key.hasSuffix(".md") }

        TestSupport.remove(root + "/Locales")
        TestSupport.remove(root + "/Bundles")
        TestSupport.remove(root + "/.ccl10n")
        var seen: Set<String> = []
        for index in 1...3 {
            let shard = try #require(Project.Shard("\(index)/3"))
            let report = Extractor(project: project).run(shard: shard)
            #expect(!report.hasErrors)
            let built = Builder(project: project).run(locale: .dutch, shard: shard)
            for entry in built.manifest.documents {
                #expect(seen.insert(entry.path).inserted, "\(entry.path) is in two shards")
            }
        }
        #expect(seen.count == 24)
        #expect(try outputs("Locales").filter { $0.key.hasSuffix(".xlf") } == single)
        #expect(
            try outputs("Bundles/nl").filter { $0.key.hasSuffix(".md") && !$0.key.contains("manifest") } == singlePages)
    }

    @Test func theCacheSkipsOnlyWhatDidNotChange() throws {
        let project = try Project(root: root)
        let created = Extractor(project: project).run()
        let cached = Extractor(project: project).run()
        #expect(cached.changedFiles.isEmpty)
        // Skipped documents still count: their units are all unchanged.
        #expect(created.summary.added == 24 * 4)
        #expect(cached.summary == MergeSummary(kept: created.summary.added))
        let first = Builder(project: project).run(locale: .dutch)
        let again = Builder(project: project).run(locale: .dutch)
        #expect(again.writtenFiles.isEmpty)
        #expect(again.manifest == first.manifest)

        // A translator's change reaches the page; a source change reaches the XLIFF.
        let xliff = root + "/Locales/nl/part0/doc0.md.xlf"
        try TestSupport.translate(xliff, ["Report 0": "Verslag 0"])
        let rebuilt = Builder(project: project).run(locale: .dutch)
        #expect(rebuilt.writtenFiles.contains("Bundles/nl/part0/doc0.md"))
        try TestSupport.write("# Report 3, revised\n", to: root + "/Sources-EN/part0/doc3.md")
        #expect(Extractor(project: project).run().changedFiles.contains("Locales/nl/part0/doc3.md.xlf"))

        // Without the cache, the same bytes.
        _ = Builder(project: project).run(locale: .dutch)
        let withCache = try TestSupport.snapshot(root)
        TestSupport.remove(root + "/.ccl10n")
        TestSupport.remove(root + "/Bundles")
        _ = Extractor(project: project).run()
        _ = Builder(project: project).run(locale: .dutch)
        #expect(try TestSupport.snapshot(root) == withCache)
    }

    @Test func theCacheForgetsRemovedDocuments() throws {
        let project = try Project(root: root)
        _ = Extractor(project: project).run()
        _ = Builder(project: project).run(locale: .dutch)
        let cacheFiles = [root + "/.ccl10n/extract.cache", root + "/.ccl10n/build-nl.cache"]
        // The keys are stored as UTF-8 between binary fields.
        func keys(_ path: String) throws -> String { try TestSupport.read(path) }
        for path in cacheFiles { #expect(try keys(path).contains("Sources-EN/part1/doc1.md")) }
        TestSupport.remove(root + "/Sources-EN/part1/doc1.md")
        _ = Extractor(project: project).run()
        _ = Builder(project: project).run(locale: .dutch)
        for path in cacheFiles {
            let text = try keys(path)
            #expect(!text.contains("Sources-EN/part1/doc1.md"), "\(path) still has the removed document")
            #expect(text.contains("Sources-EN/part1/doc4.md"))
        }
    }

    @Test func theCacheFingerprintSeesEveryBitOfItsInput() {
        for length in [1, 7, 8, 9, 17, 64] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            var seen: Set<String> = [ContentHash.fingerprint([bytes])]
            for index in 0..<length {
                for bit in 0..<8 {
                    var flipped = bytes
                    flipped[index] ^= UInt8(1 << bit)
                    #expect(
                        seen.insert(ContentHash.fingerprint([flipped])).inserted,
                        "byte \(index) bit \(bit) of \(length)")
                }
            }
            #expect(
                ContentHash.fingerprint([bytes + [0]]) != ContentHash.fingerprint([bytes]),
                "a trailing zero byte counts")
            #expect(ContentHash.fingerprint([bytes]) == ContentHash.fingerprint([bytes]))
        }
    }
}

extension String {
    /// A number with two digits.
    init(format2 number: Int) {
        self = number < 10 ? "0\(number)" : String(number)
    }
}
