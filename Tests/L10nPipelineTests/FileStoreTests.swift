import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file reads through read(2): exact bytes, nil for a missing file, an error for what is not a file.
@Suite final class FileStoreTests {
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
    }

    deinit { TestSupport.remove(root) }

    /// A path's extension is its last part between dots that is not empty, as splitting by characters gives
    /// it (the byte-wise reading of ASCII paths must agree), lowercased.
    @Test(arguments: [
        ("a/Page.MD", "md"), ("a/b.c/d", "c/d"), ("page.md.", "md"), ("a..md", "md"), (".md", "md"), ("...", ""),
        ("", ""), ("README", "readme"), ("a/.hidden", "hidden"), ("x.tar.gz", "gz"), ("é.MD", "md"),
        ("a.\u{301}md", "a.\u{301}md"), ("x.\u{301}.Md", "md"),
    ])
    func theExtensionIsTheLastPartBetweenDots(path: String, expected: String) {
        #expect(Path.fileExtension(of: path) == expected)
        #expect(Path.fileExtension(of: path) == String(path.split(separator: ".").last ?? "").lowercased())
    }

    @Test func readsExactlyTheBytesOfSmallEmptyAndLargeFiles() throws {
        for size in [0, 1, 4095, 4096, 4097, 300_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
            let path = root + "/file-\(size)"
            try FileStore.writeAtomically(bytes, to: path)
            #expect(try FileStore.read(path) == bytes, "\(size) bytes")
        }
    }

    @Test func aMissingFileIsNilAndAFolderIsAnError() throws {
        #expect(try FileStore.read(root + "/absent.md") == nil)
        #expect(try FileStore.read(root + "/absent-folder/absent.md") == nil)
        try TestSupport.write("x", to: root + "/folder/inside.md")
        let error = #expect(throws: DiagnosticError.self) { try FileStore.read(root + "/folder") }
        #expect(error?.diagnostics.first?.description.contains("not a regular file") == true)
    }
}

/// Files written together: nothing is in place before the commit, everything after it, and no temporary
/// file is left behind (a killed run's are removed when the next run takes the project lock).
@Suite struct WriteBatchTests {
    @Test func stagedFilesAppearTogetherOnCommit() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("old", to: root + "/a/one.xlf")
        let batch = WriteBatch()
        try batch.stage(Array("new".utf8), to: root + "/a/one.xlf")
        try batch.stage(Array("two".utf8), to: root + "/b/c/two.xlf")
        #expect(try batch.stageIfChanged(Array("new".utf8), to: root + "/a/one.xlf"))
        #expect(try TestSupport.read(root + "/a/one.xlf") == "old")
        #expect(!FileStore.exists(root + "/b/c/two.xlf"))
        #expect(batch.commit().isEmpty)
        #expect(try TestSupport.read(root + "/a/one.xlf") == "new")
        #expect(try TestSupport.read(root + "/b/c/two.xlf") == "two")
        #expect(!(try batch.stageIfChanged(Array("two".utf8), to: root + "/b/c/two.xlf")))
        #expect(try Self.names(in: root + "/a") == ["one.xlf"])
        #expect(try Self.names(in: root + "/b/c") == ["two.xlf"])
    }

    @Test func aDroppedBatchLeavesTheOldFilesAndNoTemporaries() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("old", to: root + "/one.xlf")
        do {
            let batch = WriteBatch()
            try batch.stage(Array("new".utf8), to: root + "/one.xlf")
        }
        #expect(try TestSupport.read(root + "/one.xlf") == "old")
        #expect(try Self.names(in: root) == ["one.xlf"])
    }

    /// A file written piece by piece (the manifest, a run cache): the old file until the commit, the whole new
    /// one after; the same bytes as the old file are not staged; dropped, nothing is left behind.
    @Test func aFileWrittenPieceByPieceAppearsWholeOnCommit() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        // Pieces across the file's blocks of 64 KiB, and one empty.
        let pieces = [
            Array("head ".utf8), [], Array(repeating: UInt8(ascii: "x"), count: 70_000), Array(" end\n".utf8),
        ]
        let whole = pieces.flatMap { $0 }
        try TestSupport.write("old", to: root + "/a/manifest.json")
        let batch = WriteBatch()
        let file = try StagedFile(for: root + "/a/manifest.json", comparing: true)
        for piece in pieces { file.append(piece) }
        #expect(file.size == whole.count)
        #expect(try TestSupport.read(root + "/a/manifest.json") == "old")
        #expect(try batch.stageIfChanged(file))
        #expect(try TestSupport.read(root + "/a/manifest.json") == "old")
        #expect(batch.commit().isEmpty)
        #expect(try FileStore.read(root + "/a/manifest.json") == whole)
        // The same bytes (not staged, the temporary file removed), then the same bytes and one more.
        for same in [true, false] {
            let again = try StagedFile(for: root + "/a/manifest.json", comparing: true)
            for piece in pieces { again.append(piece) }
            if !same { again.append([0]) }
            #expect(try batch.stageIfChanged(again) == !same)
        }
        #expect(batch.commit().isEmpty)
        #expect(try FileStore.read(root + "/a/manifest.json") == whole + [0])
        do {
            let dropped = try StagedFile(for: root + "/a/manifest.json")
            dropped.append(Array("never".utf8))
        }
        #expect(try FileStore.read(root + "/a/manifest.json") == whole + [0])
        #expect(try Self.names(in: root + "/a") == ["manifest.json"])
        let cache = try StagedFile(for: root + "/b/run.cache")
        cache.append(Array("header--".utf8) + whole)
        cache.overwrite(Array("HEADER".utf8), at: 0)
        try cache.replace()
        #expect(try FileStore.read(root + "/b/run.cache") == Array("HEADER--".utf8) + whole)
        #expect(try Self.names(in: root + "/b") == ["run.cache"])
    }

    @Test func aFileThatCannotBeRenamedIsReportedAndTheOthersAreWritten() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("x", to: root + "/taken/inside")
        let batch = WriteBatch()
        try batch.stage(Array("file".utf8), to: root + "/taken")
        try batch.stage(Array("fine".utf8), to: root + "/fine.xlf")
        let problems = batch.commit()
        #expect(problems.count == 1 && problems.first?.path == root + "/taken", "\(problems)")
        #expect(try TestSupport.read(root + "/fine.xlf") == "fine")
        #expect(try Self.names(in: root) == ["fine.xlf", "taken"])
    }

    static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }
}
