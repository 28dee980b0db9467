import Testing

@testable import L10nPipeline

/// The content formats are registered in one table, and everything about a document's format comes from it.
@Suite struct ContentFormatTests {
    @Test func everyExtensionBelongsToOneFormat() {
        let extensions = ContentFormats.all.flatMap { $0.fileExtensions }
        #expect(Set(extensions).count == extensions.count)
        #expect(extensions.allSatisfy { $0 == $0.lowercased() && !$0.hasPrefix(".") })
        let markdown = ObjectIdentifier(MarkdownFormat.self)
        let html = ObjectIdentifier(HTMLFormat.self)
        #expect(Self.format(of: "news/a.MD") == markdown)
        #expect(Self.format(of: "a.markdown") == markdown)
        #expect(Self.format(of: "site/a.htm") == html)
        #expect(Self.format(of: "notes.txt") == nil)
    }

    private static func format(of path: String) -> ObjectIdentifier? {
        ContentFormats.format(ofPath: path).map { ObjectIdentifier($0) }
    }

    /// Each document is read, labelled and built through its own format, found by its extension.
    @Test func aDocumentGoesThroughItsFormat() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("# Hello\n", to: root + "/Sources-EN/a.md")
        try TestSupport.write("<h1>Hello</h1>\n", to: root + "/Sources-EN/b.htm")
        try TestSupport.write("Hello\n", to: root + "/Sources-EN/c.txt")
        let project = try Project(root: root)
        let documents = project.documents()
        #expect(documents.map(\.path) == ["a.md", "b.htm"])
        for reference in documents {
            let document = try #require(try project.load(reference))
            let (read, found) = (ObjectIdentifier(document.format), ObjectIdentifier(reference.format))
            #expect(read == found)
        }
        #expect(!Extractor(project: project).run().hasErrors)
        #expect(
            try TestSupport.read(root + "/Locales/nl/a.md.xlf").contains("datatype=\"\(MarkdownFormat.xliffDatatype)\"")
        )
        #expect(
            try TestSupport.read(root + "/Locales/nl/b.htm.xlf").contains("datatype=\"\(HTMLFormat.xliffDatatype)\""))
    }
}
