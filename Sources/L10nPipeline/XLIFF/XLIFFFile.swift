/// An XLIFF 1.2 file for one document and one target locale, held as a libxml2 tree so that everything a
/// translator's tool added (notes, alt-trans, attributes and elements in other namespaces, comments)
/// survives every re-extract untouched.
final class XLIFFFile {
    static let namespace = "urn:oasis:names:tc:xliff:document:1.2"
    /// Elements that hold only other elements; their whitespace is regenerated on output.
    static let containers: Set<String> = [
        "xliff", "file", "header", "body", "group", "trans-unit", "alt-trans", "context-group", "phase-group",
        "count-group", "prop-group", "tool", "glossary", "reference",
    ]

    let tree: XMLTree
    let body: XMLElement
    let file: XMLElement

    private init(tree: XMLTree, file: XMLElement, body: XMLElement) {
        self.tree = tree
        self.file = file
        self.body = body
    }

    /// A new, empty file for a document.
    convenience init(original: String, source: LocaleTag, target: LocaleTag) {
        let tree = XMLTree(root: "xliff", namespace: Self.namespace)
        let root = tree.root!
        root["version"] = "1.2"
        let file = root.append("file", attributes: [
            ("original", original), ("source-language", source.tag), ("target-language", target.tag),
            ("datatype", "x-markdown"),
        ])
        let header = file.append("header")
        header.append("tool", attributes: [("tool-id", "ccl10n"), ("tool-name", "ccl10n")])
        let body = file.append("body")
        self.init(tree: tree, file: file, body: body)
    }

    /// Reads an XLIFF 1.2 file; anything that is not one is a positioned error.
    static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> XLIFFFile {
        let tree = try XMLTree.parse(bytes, path: path)
        let problems = XLIFFValidator.check(tree, path: path)
        if problems.contains(where: { $0.severity == .error }) { throw DiagnosticError(problems) }
        guard let root = tree.root, root.namespace == namespace, let file = root.child("file"), let body = file.child("body") else {
            throw DiagnosticError(Diagnostic(.error, path: path, line: 1, column: 1, "not an XLIFF 1.2 file (ccl10n reads and writes XLIFF 1.2)"))
        }
        return XLIFFFile(tree: tree, file: file, body: body)
    }

    /// Every `<trans-unit>` of the body, in document order, groups included.
    var transUnits: [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ element: XMLElement) {
            for child in element.childElements where child.namespace == Self.namespace {
                if child.name == "trans-unit" { result.append(child) } else if child.name == "group" { walk(child) }
            }
        }
        walk(body)
        return result
    }

    /// The translation of every unit, by id.
    func storedUnits() -> [String: StoredUnit] {
        var result: [String: StoredUnit] = [:]
        for unit in transUnits {
            guard let id = unit["id"], let source = unit.child("source") else { continue }
            let target = unit.child("target")
            result[id] = StoredUnit(
                id: id, source: XLIFFInline.read(source), target: target.map(XLIFFInline.read),
                state: target?["state"], line: unit.line)
        }
        return result
    }

    /// The file as bytes, with regenerated indentation. Wraps libxml2's serializer.
    func serialized() -> [UInt8] {
        tree.root?.reindent(containers: Self.containers)
        return tree.serialized()
    }
}

/// What an XLIFF file holds for one unit.
struct StoredUnit: Sendable {
    var id: String
    var source: Segment
    var target: Segment?
    var state: String?
    var line: Int
}
