import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// The run caches skip a document by its files' status, never when a file changed: a change of the same
/// size within the same second, a content change with its modification time put back, a file changed in the
/// same clock tick as it was hashed, a cache deleted or damaged.
@Suite final class RunCacheTests {
    /// A project of six documents, made for each test and removed after it.
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write("publish: { threshold: 0 }\n", to: root + "/ccl10n.yml")
        for index in 0..<6 {
            try TestSupport.write(
                "# Report \(index)\n\nParagraph \(index) has {\(index * 1000), number} readers.\n",
                to: root + "/Sources-EN/part\(index % 2)/doc\(index).md")
        }
    }

    deinit { TestSupport.remove(root) }

    /// Rewrites a file in place (same inode), then puts its modification time back to the nanosecond: only its
    /// change time tells.
    static func rewriteInPlace(_ path: String, _ text: String) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        let fd = open(path, O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        close(fd)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    /// Long enough for the file system's clock (a kernel tick) to move on.
    static func nextTick() { usleep(50_000) }

    @Test func aSameSizeChangeWithItsModificationTimePutBackIsSeen() throws {
        let project = try Project(root: root)
        _ = Extractor(project: project).run()
        _ = Builder(project: project).run(locale: .dutch)
        Self.nextTick()
        // A run that trusts every status, then the same-size edits.
        #expect(Extractor(project: project).run().changedFiles.isEmpty)
        #expect(Builder(project: project).run(locale: .dutch).writtenFiles.isEmpty)
        let source = root + "/Sources-EN/part0/doc2.md"
        let text = try TestSupport.read(source)
        try Self.rewriteInPlace(source, text.replacing("Paragraph 2", with: "Paragraph Z"))
        #expect(Extractor(project: project).run().changedFiles == ["Locales/nl/part0/doc2.md.xlf"])

        let xliff = root + "/Locales/nl/part1/doc3.md.xlf"
        try TestSupport.translate(xliff, ["Report 3": "Verslag 3"])
        _ = Builder(project: project).run(locale: .dutch)
        Self.nextTick()
        #expect(Builder(project: project).run(locale: .dutch).writtenFiles.isEmpty)
        try Self.rewriteInPlace(xliff, try TestSupport.read(xliff).replacing("Verslag 3", with: "Verslag 9"))
        let rebuilt = Builder(project: project).run(locale: .dutch)
        #expect(rebuilt.writtenFiles.contains("Bundles/nl/part1/doc3.md"))
        #expect(try TestSupport.read(root + "/Bundles/nl/part1/doc3.md").contains("# Verslag 9"))

        // A page edited in place, its time put back, is written again.
        let page = root + "/Bundles/nl/part0/doc4.md"
        let built = try TestSupport.read(page)
        Self.nextTick()
        try Self.rewriteInPlace(page, built.replacing("Report 4", with: "Report X"))
        #expect(Builder(project: project).run(locale: .dutch).writtenFiles == ["Bundles/nl/part0/doc4.md"])
        #expect(try TestSupport.read(page) == built)
    }

    @Test func anEditedStandalonePageIsWrittenAgain() throws {
        let project = try Project(root: root)
        _ = Extractor(project: project).run()
        let first = Builder(project: project, html: true).run(locale: .dutch)
        #expect(first.writtenFiles.contains("Bundles/nl/part0/doc0.html"))
        let page = root + "/Bundles/nl/part0/doc0.html"
        let built = try TestSupport.read(page)
        try TestSupport.write(built.replacing("Report 0", with: "Defaced"), to: page)
        let again = Builder(project: project, html: true).run(locale: .dutch)
        #expect(again.writtenFiles == ["Bundles/nl/part0/doc0.html"])
        #expect(try TestSupport.read(page) == built)
    }

    @Test func aFileNotOlderThanTheRunIsHashedAgainNextTime() throws {
        let project = try Project(root: root)
        let old = "Sources-EN/part0/doc0.md"
        let racy = "Sources-EN/part1/doc1.md"
        // A time in the future stands for a write within the clock tick of the run that hashed the file.
        var times = [timespec(tv_sec: time(nil), tv_nsec: 0), timespec(tv_sec: time(nil) + 3600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, root + "/" + racy, &times, 0) == 0)
        Self.nextTick()
        var cache = RunCache<Int>(project: project, name: "probe", shard: nil, settings: [])
        let first = cache.files([old, racy], for: "key")
        #expect(first.bytes(of: old) != nil && first.bytes(of: racy) != nil)
        cache.keep("key", files: first, value: 1)
        cache.save()

        let reloaded = RunCache<Int>(project: project, name: "probe", shard: nil, settings: [])
        let second = reloaded.files([old, racy], for: "key")
        #expect(second.bytes(of: old) == nil, "a file older than the run is trusted by its status")
        #expect(second.bytes(of: racy) != nil, "a racily clean file is read again")
        #expect(reloaded.value(for: "key", files: second) == 1)

        // Under other settings nothing is trusted.
        let other = RunCache<Int>(project: project, name: "probe", shard: nil, settings: Array("other".utf8))
        #expect(other.files([old], for: "key").bytes(of: old) != nil)
        #expect(other.value(for: "key", files: other.files([old], for: "key")) == nil)
    }

    @Test func aFileFoundHoldingWhatTheRunWouldWriteIsTrustedNextTime() throws {
        let project = try Project(root: root)
        let page = "Sources-EN/part0/doc0.md"
        let rewritten = "Sources-EN/part1/doc1.md"
        Self.nextTick()
        var cache = RunCache<Int>(project: project, name: "probe", shard: nil, settings: [])
        var files = cache.files([page, rewritten], for: "key")
        let bytes = try #require(files.bytes(of: page))
        files.wrote(bytes, at: page)
        files.wrote(Array("other".utf8), at: rewritten)
        cache.keep("key", files: files, value: 1)
        cache.save()

        let reloaded = RunCache<Int>(project: project, name: "probe", shard: nil, settings: [])
        let next = reloaded.files([page, rewritten], for: "key")
        #expect(next.bytes(of: page) == nil, "a page found as the run would have written it keeps its status")
        #expect(next.bytes(of: rewritten) != nil, "a file the run wrote is read again")
    }

    @Test func bytesAreFoundInBytes() {
        let manifest = Array(#"{"documents":[{"file":"a.html"}]}"#.utf8)
        #expect(manifest.containsBytes(Array(#""file""#.utf8)))
        #expect(!manifest.containsBytes(Array(#""page""#.utf8)))
        #expect(!Array("fil".utf8).containsBytes(Array("file".utf8)))
        #expect(manifest.containsBytes([]))
    }

    /// Extracts and builds twice, a clock tick apart (every file is then older than the second run: the
    /// entries keep their statuses); returns the project's files but the caches.
    func runTwice(_ project: Project) throws -> [String: [UInt8]] {
        for run in 0..<2 {
            if run > 0 { Self.nextTick() }
            _ = Extractor(project: project).run()
            _ = Builder(project: project).run(locale: .dutch)
        }
        return try outputs()
    }

    /// The project's files but the caches.
    func outputs() throws -> [String: [UInt8]] {
        try TestSupport.snapshot(root).filter { !$0.key.hasPrefix(".ccl10n/") }
    }

    /// A cache damaged anywhere, cut anywhere (at an entry's end too) or deleted is an empty cache: every
    /// document is read again, the outputs are the same, and the cache is made again as it was.
    @Test(arguments: ["extract", "build-nl"]) func aDamagedOrDeletedCacheIsAFullRunWithTheSameOutput(name: String)
        throws
    {
        let project = try Project(root: root)
        let expected = try runTwice(project)
        let cachePath = root + "/.ccl10n/\(name).cache"
        let good = try #require(try FileStore.read(cachePath))
        #expect(Self.cachedDocuments(project) == 6)
        let ends = Self.entryEnds(good)
        #expect(ends.count == 6 && ends.last == good.count)
        for bytes in Self.damaged(good) + ends.dropLast().map({ Array(good.prefix($0)) }) + [nil] {
            if let bytes {
                try FileStore.writeAtomically(bytes, to: cachePath)
            } else {
                TestSupport.remove(root + "/.ccl10n")
            }
            if name == "build-nl" { #expect(Self.cachedDocuments(project) == 0) }
            let report = Extractor(project: project).run()
            #expect(report.changedFiles.isEmpty && !report.hasErrors)
            let build = Builder(project: project).run(locale: .dutch)
            #expect(build.writtenFiles.isEmpty && !build.hasErrors)
            #expect(try outputs() == expected)
            #expect(try FileStore.read(cachePath) == good)
        }
    }

    /// A cache file damaged in the ways a file is: emptied, cut short, lengthened, zeroed, a bit flipped here
    /// and there.
    static func damaged(_ good: [UInt8]) -> [[UInt8]] {
        var damaged = [[], Array(good.prefix(good.count / 2)), Array(good.dropLast()), good + [0]]
        damaged.append(Array(repeating: 0, count: good.count))
        for index in stride(from: 0, to: good.count, by: max(1, good.count / 11)) {
            var flipped = good
            flipped[index] ^= 0x10
            damaged.append(flipped)
        }
        return damaged
    }

    /// How many of the project's documents the build cache of `nl` in place gives as they are (the settings
    /// made as ``Builder`` makes them, with the configuration's options).
    static func cachedDocuments(_ project: Project) -> Int {
        var settings = project.readIfReadable(Project.configName) ?? []
        settings += project.readIfReadable(Glossary.path) ?? []
        settings += Array("locale=nl min=\(project.config.minState.rawValue) html=false".utf8)
        let cache = RunCache<Builder.CachedDocument>(
            project: project, name: "build-nl", shard: nil, settings: settings, saves: false)
        return project.documents(in: nil).0.filter { reference in
            let key = reference.projectPath
            let paths = [key, project.xliffPath(reference, .dutch), project.bundlePath(reference, .dutch)]
            return cache.value(for: key, files: cache.files(paths, for: key)) != nil
        }.count
    }

    /// Where each entry of a cache file ends: after its key, its files' states and its value.
    static func entryEnds(_ bytes: [UInt8]) -> [Int] {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        // The magic line, the settings' hash, the checksum.
        var reader = ByteReader(bytes[(newline + 17)...])
        var ends: [Int] = []
        while !reader.isAtEnd {
            guard reader.string() != nil, let count = reader.integer() else { break }
            for _ in 0..<count {
                if reader.byte() == 1 { for _ in 0..<4 { _ = reader.integer() } }
                _ = reader.integer()
            }
            guard reader.data() != nil else { break }
            ends.append(reader.offset)
        }
        return ends
    }

    @Test func manifestFromCachedEntriesIsTheStableEncoding() throws {
        func entry(_ index: Int, fallback: Bool, text: String) -> Manifest.Entry {
            Manifest.Entry(
                path: "a/\(index)/\(text).md", sourceLocale: "en", source: "Sources-EN/a/\(index).md",
                xliff: fallback ? nil : "Locales/nl/a/\(index).md.xlf", units: index, translatedUnits: index / 2,
                unitsByState: fallback ? [:] : ["translated": 2, "new": index], words: 10 * index,
                translatedWords: 5, fallback: fallback, fallbackReason: fallback ? "below \"80%\"\n\t\u{1}" : nil,
                fallbackUnits: fallback ? [] : ["u1", "ü/2"], contentHash: "00ff", title: text, page: nil,
                file: index == 2 ? "site/x.md" : nil)
        }
        let texts = ["plain", "quote \" back \\ slash / tab \t", "ünïcödé → 日本", "", "line\nbreak\u{7f}"]
        for count in [0, 1, 5] {
            let entries = (0..<count).map { entry($0, fallback: $0 % 2 == 0, text: texts[$0 % texts.count]) }
            var documents = ManifestDocuments(locale: "nl")
            for entry in entries { documents.append(try ManifestDocuments.fragment(entry), fallback: entry.fallback) }
            let manifest = Manifest(locale: "nl", documents: entries)
            // Bytes, not strings: String equality is canonical equivalence.
            #expect(try documents.encoded() == manifest.encoded())
            #expect(documents.manifest == manifest)
            #expect(documents.fallbacks == entries.filter(\.fallback).count)
        }
    }

    /// A manifest that went to its file as it was made is read from there: encoding a copy of it (which would
    /// append the closing bytes to the file the copies share) stops the program instead.
    @Test func aManifestWrittenToItsFileIsNotEncodedAgain() async {
        // The child process stops before it could remove its temporary file: the project goes with the test.
        await #expect(processExitsWith: .signal(SIGILL)) { [root = root as String] in
            let file = try StagedFile(for: root + "/manifest.json")
            var documents = ManifestDocuments(locale: "nl", file: file)
            documents.append(Array("    {}".utf8), fallback: false)
            _ = try documents.encoded()
        }
    }
}
