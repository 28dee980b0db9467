import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// A project whose memory holds translations: the memory is read only when a lookup needs it, through its
/// compact index, which always follows the TMX file of record.
@Suite struct LivingMemoryTests {
    let root: String

    init() throws {
        root = try TestSupport.projectWithMemory()
        // A run with the memory there from the start.
        _ = Extractor(project: try Project(root: root)).run()
    }

    var memoryPath: String { root + "/Locales/tm/en-nl.tmx" }

    func extract() throws -> Extractor.Report { Extractor(project: try Project(root: root)).run() }

    @Test func aRunWithNothingNewDoesNotReadTheMemory() throws {
        defer { TestSupport.remove(root) }
        try TestSupport.write("not a memory", to: memoryPath)
        let report = try extract()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(try TestSupport.read(memoryPath) == "not a memory")
        // A new unit needs a lookup: then the broken file is reported, and left as it is.
        try TestSupport.write("Rare cancers affect many people.\n\nA new paragraph.\n", to: root + "/Sources-EN/a.md")
        #expect(try extract().hasErrors)
        #expect(try TestSupport.read(memoryPath) == "not a memory")
    }

    @Test func theMemoryFileIsRewrittenOnlyWhenAnEntryIsAdded() throws {
        defer { TestSupport.remove(root) }
        // Kept by another tool with a comment ccl10n would not write.
        let kept = try TestSupport.read(memoryPath) + "<!-- reviewed -->\n"
        try TestSupport.write(kept, to: memoryPath)
        // The document changes, but every translation it holds is in the memory already.
        try TestSupport.write(
            "The *week* starts today.\n\nRare cancers affect many people.\n", to: root + "/Sources-EN/a.md")
        let report = try extract()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(!report.changedFiles.contains("Locales/tm/en-nl.tmx"))
        #expect(try TestSupport.read(memoryPath) == kept)
        // A new translation: now the file is rewritten, with it.
        try TestSupport.write(
            "The *week* starts today.\n\nRare cancers affect many people.\n\nA new paragraph.\n",
            to: root + "/Sources-EN/a.md")
        _ = try extract()
        try TestSupport.translate(root + "/Locales/nl/a.md.xlf", ["A new paragraph.": "Een nieuwe alinea."])
        #expect(try extract().changedFiles.contains("Locales/tm/en-nl.tmx"))
        #expect(try TestSupport.read(memoryPath).contains("<seg>Een nieuwe alinea.</seg>"))
    }

    @Test func aTranslationSeenAgainInAnotherDocumentLeavesTheMemoryAsItIs() throws {
        defer { TestSupport.remove(root) }
        // The same sentence, translated the same way, in a second document: the memory records one of them.
        try TestSupport.write("Rare cancers affect many people.\n", to: root + "/Sources-EN/b.md")
        _ = try extract()
        // It came from the memory, to review; the reviewer accepts it.
        let xliff = root + "/Locales/nl/b.md.xlf"
        let leveraged = "state=\"needs-review-translation\" state-qualifier=\"leveraged-tm\""
        #expect(try TestSupport.read(xliff).contains(leveraged))
        try TestSupport.write(try TestSupport.read(xliff).replacing(leveraged, with: "state=\"translated\""), to: xliff)
        _ = try extract()
        let memory = try TestSupport.read(memoryPath)
        // Each document read again (an edit elsewhere in it) harvests the same translation: nothing to write.
        for document in ["a", "b"] {
            let path = root + "/Sources-EN/\(document).md"
            try TestSupport.write(try TestSupport.read(path) + "\nOne more paragraph.\n", to: path)
            let report = try extract()
            #expect(!report.changedFiles.contains("Locales/tm/en-nl.tmx"), "\(document): \(report.changedFiles)")
            #expect(try TestSupport.read(memoryPath) == memory)
        }
    }

    @Test func theIndexFollowsAMemoryEditedInPlace() throws {
        defer { TestSupport.remove(root) }
        // One lookup makes the index.
        try TestSupport.write("Rare cancers affect many young people.\n", to: root + "/Sources-EN/b.md")
        _ = try extract()
        #expect(
            FileStore.files(under: root + "/.ccl10n").contains { $0.hasPrefix("tm-en-nl-") && $0.hasSuffix(".index") })
        // Another tool rewrites a translation in place, at once: same size, same inode.
        let text = try TestSupport.read(memoryPath)
        let edited = text.replacing("treffen veel mensen", with: "raken veel personen")
        #expect(edited.utf8.count == text.utf8.count && edited != text)
        let fd = open(memoryPath, O_WRONLY)
        #expect(fd >= 0)
        _ = Array(edited.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        try TestSupport.write("Rare cancers affect many people.\n", to: root + "/Sources-EN/c.md")
        _ = try extract()
        #expect(
            try TestSupport.read(root + "/Locales/nl/c.md.xlf").contains(
                ">Zeldzame kankers raken veel personen.</target>"))
        #expect(
            try TestSupport.read(root + "/Locales/nl/b.md.xlf").contains(
                "<target>Zeldzame kankers treffen veel mensen.</target>"))
    }

    @Test func theIndexIsACacheThatCanBeDeleted() throws {
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            "Rare cancers affect many young people.\n\nThe *week* starts today.\n", to: root + "/Sources-EN/b.md")
        _ = try extract()
        let withIndex = try TestSupport.read(root + "/Locales/nl/b.md.xlf")
        TestSupport.remove(root + "/.ccl10n")
        TestSupport.remove(root + "/Locales/nl/b.md.xlf")
        _ = try extract()
        #expect(try TestSupport.read(root + "/Locales/nl/b.md.xlf") == withIndex)
        #expect(withIndex.contains("match-quality=\"91\""))
        #expect(withIndex.contains("state-qualifier=\"leveraged-tm\""))
    }

    /// An index file of the layout before bitmaps ("tmindex1") or of no layout at all is made again, not read.
    @Test(arguments: [Array("tmindex1".utf8), Array("not an index".utf8)])
    func anIndexOfAnotherLayoutIsRebuiltNotMisread(magic: [UInt8]) throws {
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            "Rare cancers affect many young people.\n\nThe *week* starts today.\n", to: root + "/Sources-EN/b.md")
        _ = try extract()
        let withIndex = try TestSupport.read(root + "/Locales/nl/b.md.xlf")
        #expect(withIndex.contains("match-quality=\"91\""))
        let name = try #require(
            FileStore.files(under: root + "/.ccl10n").first { $0.hasPrefix("tm-en-nl-") && $0.hasSuffix(".index") })
        let path = root + "/.ccl10n/" + name
        // The same sections under another magic: read as they are, they would be misread.
        var bytes = try #require(try FileStore.read(path))
        bytes.replaceSubrange(0..<8, with: magic)
        try FileStore.writeAtomically(bytes, to: path)
        TestSupport.remove(root + "/Locales/nl/b.md.xlf")
        _ = try extract()
        #expect(try TestSupport.read(root + "/Locales/nl/b.md.xlf") == withIndex)
        let rebuilt = try #require(try FileStore.read(path))
        // Made again, under the current magic.
        #expect(Array(rebuilt.prefix(8)) != Array("tmindex1".utf8) && rebuilt != bytes)
        #expect(rebuilt.count >= 8 && MappedBytes(copying: rebuilt).word(at: 0) == MemoryIndex.magic)
    }
}
