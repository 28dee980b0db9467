import Testing
@testable import L10nPipeline

/// Whole-file reads through read(2): exact bytes, nil for a missing file, an error for what is not a file.
@Suite struct FileStoreTests {
    let root: String

    init() throws {
        root = try TestSupport.temporaryFolder()
    }

    @Test func readsExactlyTheBytesOfSmallEmptyAndLargeFiles() throws {
        defer { TestSupport.remove(root) }
        for size in [0, 1, 4095, 4096, 4097, 300_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
            let path = root + "/file-\(size)"
            try FileStore.writeAtomically(bytes, to: path)
            #expect(try FileStore.read(path) == bytes, "\(size) bytes")
        }
    }

    @Test func aMissingFileIsNilAndAFolderIsAnError() throws {
        defer { TestSupport.remove(root) }
        #expect(try FileStore.read(root + "/absent.md") == nil)
        #expect(try FileStore.read(root + "/absent-folder/absent.md") == nil)
        try TestSupport.write("x", to: root + "/folder/inside.md")
        let error = #expect(throws: DiagnosticError.self) { try FileStore.read(root + "/folder") }
        #expect(error?.diagnostics.first?.description.contains("not a regular file") == true)
    }
}
