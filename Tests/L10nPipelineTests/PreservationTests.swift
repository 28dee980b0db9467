import Testing

@testable import L10nPipeline

/// A file returned by a translator's tool goes through extract with everything the tool added kept, in place.
@Suite final class PreservationTests {
    static let document = """
        ---
        title: Rare cancers
        ---

        # Week of Rare Cancers

        About {130000, number} people live with a rare cancer.

        Send an email to [the centre](mailto:cca@example.org).
        """

    /// What memoQ, Trados and friends add to an XLIFF 1.2 file, applied to the file ccl10n wrote.
    static let toolEdits12: [(String, String)] = [
        (
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">",
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" version=\"1.2\">"
        ),
        (
            "<tool tool-id=\"ccl10n\" tool-name=\"ccl10n\"/>",
            "<tool tool-id=\"ccl10n\" tool-name=\"ccl10n\"/>\n<phase-group><phase phase-name=\"tr1\" process-name=\"Translation\"/></phase-group>\n<note>Project note from the agency.</note>"
        ),
        (
            "<trans-unit id=\"fm.title\" approved=\"yes\">",
            "<trans-unit id=\"fm.title\" approved=\"yes\" xml:space=\"preserve\" sdl:locked=\"false\">"
        ),
        (
            "<target state=\"translated\">Zeldzame kanker</target>",
            "<target state=\"signed-off\" state-qualifier=\"exact-match\" sdl:conf=\"ApprovedSignOff\">Zeldzame <mrk mtype=\"term\">kanker</mrk></target>\n<!-- checked by the reviewer -->\n<note from=\"translator\" annotates=\"target\" priority=\"2\">Plural chosen on purpose.</note>\n<alt-trans match-quality=\"87\" origin=\"agency-tm\"><source>Rare cancer</source><target xml:lang=\"nl\">Zeldzame kanker</target></alt-trans>\n<count-group name=\"words\"><count count-type=\"x-words\" unit=\"word\">2</count></count-group>\n<sdl:seg-defs><sdl:seg id=\"1\" conf=\"ApprovedSignOff\"/></sdl:seg-defs>"
        ),
        (
            "<target state=\"translated\">Week van de Zeldzame Kanker</target>",
            "<target state=\"final\">Week van de Zeldzame Kanker</target>"
        ),
    ]

    let root: String
    var xliff: String { root + "/Locales/nl/news/week.md.xlf" }

    init() throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write(Self.document, to: root + "/Sources-EN/news/week.md")
    }

    deinit { TestSupport.remove(root) }

    func extract() throws {
        let report = Extractor(project: try Project(root: root)).run()
        #expect(!report.hasErrors, "\(report.diagnostics)")
    }

    /// The file as the tool returns it: translated, then edited as above.
    func toolReturnedFile() throws -> String {
        try extract()
        try TestSupport.translate(
            xliff,
            [
                "Rare cancers": "Zeldzame kanker",
                "Week of Rare Cancers": "Week van de Zeldzame Kanker",
            ])
        try extract()
        var text = try TestSupport.read(xliff)
        for (old, new) in Self.toolEdits12 {
            #expect(text.contains(old), "fixture edit not applicable: \(old)")
            text = text.replacing(old, with: new)
        }
        try TestSupport.write(text, to: xliff)
        return text
    }

    /// An element as a comparable string: name, namespace, attributes, and children in order, with the
    /// whitespace between elements left out.
    static func canonical(_ element: XMLElement) -> String {
        let attributes = element.allAttributes.map { "\($0.namespace ?? "")|\($0.name)=\($0.value)" }.joined(
            separator: " ")
        let children = element.children.compactMap { child -> String? in
            switch child {
            case .element(let inner): return canonical(inner)
            case .text(let text, _): return text.allSatisfy(\.isWhitespace) ? nil : "text(\(text))"
            case .other(let node):
                return
                    "other(\(node.pointer.pointee.type.rawValue):\(node.pointer.pointee.content.map { String(cString: $0) } ?? ""))"
            }
        }
        return "<\(element.namespace ?? "")|\(element.name) \(attributes)>[\(children.joined(separator: ","))]"
    }

    static func units(_ text: String) throws -> [String: String] {
        let tree = try XMLTree.parse(Array(text.utf8), path: "x.xlf")
        var result: [String: String] = [:]
        func walk(_ element: XMLElement) {
            if element.name == "trans-unit" || element.name == "unit", let id = element["id"] {
                result[id] = canonical(element)
            }
            element.childElements.forEach(walk)
        }
        if let root = tree.root { walk(root) }
        return result
    }

    @Test func everythingAToolAddedSurvivesReExtractInPlace() throws {
        let returned = try toolReturnedFile()
        try extract()
        let after = try TestSupport.read(xliff)
        let before = try XMLTree.parse(Array(returned.utf8), path: "before.xlf")
        let again = try XMLTree.parse(Array(after.utf8), path: "after.xlf")
        #expect(Self.canonical(try #require(before.root)) == Self.canonical(try #require(again.root)))
        // And build publishes what the tool marked final or signed off.
        let report = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(report.manifest.documents.first?.unitsByState["signed-off"] == 1)
        #expect(report.manifest.documents.first?.unitsByState["final"] == 1)
    }

    @Test func aSourceChangeElsewhereLeavesEveryOtherUnitUntouched() throws {
        let returned = try toolReturnedFile()
        try TestSupport.write(
            Self.document.replacing("About {130000, number} people", with: "Some {130000, number} people"),
            to: root + "/Sources-EN/news/week.md")
        try extract()
        let before = try Self.units(returned)
        let after = try Self.units(try TestSupport.read(xliff))
        #expect(Set(before.keys) == Set(after.keys))
        let changed = before.keys.filter { before[$0] != after[$0] }
        #expect(changed.count == 1 && changed[0].hasPrefix("p-"), "\(changed)")
        let text = try TestSupport.read(xliff)
        #expect(text.contains("<note>Project note from the agency.</note>"))
        #expect(text.contains("<phase-group>"))
    }

    @Test func unitIDsAndTranslationsHoldWhenParagraphsAreInsertedMovedAndDeleted() throws {
        let base = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n"
        try TestSupport.write(base, to: root + "/Sources-EN/a.md")
        try extract()
        let path = root + "/Locales/nl/a.md.xlf"
        try TestSupport.translate(
            path,
            [
                "First paragraph.": "Eerste alinea.", "Second paragraph.": "Tweede alinea.",
                "Third paragraph.": "Derde alinea.", "Fourth paragraph.": "Vierde alinea.",
            ])
        let ids = try XLIFFFile.parse(try #require(try FileStore.read(path)), path: path).storedUnits()
            .mapValues { $0.target?.plainText ?? "" }
        try TestSupport.write(
            "New opening.\n\nThird paragraph.\n\nFirst paragraph.\n\nFourth paragraph.\n", to: root + "/Sources-EN/a.md"
        )
        try extract()
        let after = try XLIFFFile.parse(try #require(try FileStore.read(path)), path: path).storedUnits()
        for (id, target) in ids where target != "Tweede alinea." {
            #expect(after[id]?.target?.plainText == target, "unit \(id) lost its translation")
            #expect(after[id]?.state == .translated)
        }
        #expect(after.values.filter { $0.state == .new }.map(\.source.plainText) == ["New opening."])
        try TestSupport.write("publish: { threshold: 0.5 }\n", to: root + "/ccl10n.yml")
        _ = Builder(project: try Project(root: root)).run(locale: .dutch)
        let page = try TestSupport.read(root + "/Bundles/nl/a.md")
        #expect(page == "<span lang=\"en\">New opening.</span>\n\nDerde alinea.\n\nEerste alinea.\n\nVierde alinea.\n")
    }
}
