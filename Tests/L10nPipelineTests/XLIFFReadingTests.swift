import Testing

@testable import L10nPipeline

/// Reading XLIFF safely: the streaming reader agrees with the tree, hostile files get clear errors.
struct XLIFFReadingTests {
    let sample = TestSupport.packageRoot + "/Locales/nl/news/week-of-rare-cancers.md.xlf"

    @Test func streamingAndTreeReadTheSameUnits() throws {
        let bytes = try #require(try FileStore.read(sample))
        let tree = try XLIFFFile.parse(bytes, path: sample).storedUnits()
        let streamed = try XLIFFFile.streamStoredUnits(bytes, path: sample)
        #expect(tree.count == 19)
        #expect(Set(tree.keys) == Set(streamed.keys))
        for (id, unit) in tree {
            #expect(
                streamed[id]?.source == unit.source && streamed[id]?.target == unit.target
                    && streamed[id]?.state == unit.state)
            #expect(streamed[id]?.line == unit.line)
        }
    }

    @Test func aLargeFileStreamsUnitByUnit() throws {
        var xml = "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n"
        xml +=
            "<file original=\"big.md\" source-language=\"en\" target-language=\"nl\" datatype=\"x-markdown\"><body>\n"
        let sentence = String(repeating: "A sentence of ordinary length for a translation unit. ", count: 4)
        for index in 0..<40_000 {
            xml +=
                "<trans-unit id=\"u\(index)\"><source>\(sentence)\(index)</source><target state=\"translated\">\(index)</target></trans-unit>\n"
        }
        xml += "</body></file></xliff>\n"
        #expect(xml.utf8.count > 10_000_000)
        let units = try XLIFFFile.streamStoredUnits(Array(xml.utf8), path: "big.xlf")
        #expect(units.count == 40_000)
        #expect(units["u39999"]?.target?.plainText == "39999")
        #expect(units["u39999"]?.line == 40_003)
    }

    @Test func aHugeTextNodeIsAClearErrorNotACrash() throws {
        let huge = String(repeating: "x", count: 12_000_000)
        let xml =
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"><file original=\"a.md\" source-language=\"en\" datatype=\"x\"><body><trans-unit id=\"1\"><source>\(huge)</source></trans-unit></body></file></xliff>"
        #expect {
            _ = try XLIFFFile.streamStoredUnits(Array(xml.utf8), path: "huge.xlf")
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first.map { $0.path == "huge.xlf" && $0.line == 1 } ?? false
        }
        let problems = XLIFFValidator.validate(bytes: Array(xml.utf8), path: "huge.xlf")
        #expect(problems.first?.message.contains("larger than the 10000000-byte limit") == true, "\(problems)")
    }

    @Test(arguments: [
        "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><x>&b;</x>",
        "<!DOCTYPE x SYSTEM \"http://example.invalid/x.dtd\"><x/>",
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><x/>",
    ])
    func doctypesAreRefusedByBothReaders(xml: String) throws {
        let bytes = Array(xml.utf8)
        #expect(XLIFFValidator.validate(bytes: bytes, path: "d.xlf").first?.message.contains("DOCTYPE") == true)
        #expect(throws: DiagnosticError.self) { _ = try XLIFFFile.streamStoredUnits(bytes, path: "d.xlf") }
    }

    @Test func anOriginalLeadingOutsideTheProjectIsRefused() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        let xliff = root + "/Locales/nl/a.md.xlf"
        let hostile = try TestSupport.read(xliff).replacing("original=\"a.md\"", with: "original=\"../../etc/passwd\"")
        try TestSupport.write(hostile, to: xliff)
        let report = Extractor(project: try Project(root: root)).run()
        #expect(report.diagnostics.contains { $0.message.contains("leads outside the project") })
        #expect(try TestSupport.read(xliff) == hostile)
    }
}
