/// An XLIFF file (1.2 or 2.1) for one document and one target locale, held as a libxml2 tree so that
/// everything a translator's tool added (notes, alt-trans, matches, attributes and elements in other
/// namespaces, comments) survives every re-extract untouched.
final class XLIFFFile {
    /// Elements that hold only other elements, in any dialect; their whitespace is regenerated on output.
    static let containers = XLIFFVersion.allCases.reduce(into: Set<String>()) { $0.formUnion($1.dialect.containers) }
    /// The unit elements of every dialect, which the streaming reader visits.
    static let unitNames = Set(XLIFFVersion.allCases.map { $0.dialect.unitName })
    static let removedGroupID = "ccl10n-removed"

    /// The dialect of the file's units.
    let dialect: any XLIFFDialect.Type
    /// The namespace of the file's XLIFF elements (a 1.1 file keeps its 1.1 namespace).
    let namespace: String
    let tree: XMLTree
    /// The `<file>` element.
    let file: XMLElement
    /// Where units live: `<body>` in 1.2, `<file>` in 2.1.
    let container: XMLElement

    private init(dialect: any XLIFFDialect.Type, tree: XMLTree, file: XMLElement, container: XMLElement) {
        self.dialect = dialect
        self.namespace = tree.root?.namespace ?? dialect.namespace
        self.tree = tree
        self.file = file
        self.container = container
    }

    /// A new, empty file for a document.
    convenience init(
        original: String, source: LocaleTag, target: LocaleTag, version: XLIFFVersion, datatype: String = "x-markdown"
    ) {
        let (tree, root) = XMLTree.new(root: "xliff", namespace: version.namespace)
        let made = version.dialect.makeFile(
            root: root, original: original, source: source, target: target,
            datatype: datatype)
        self.init(dialect: version.dialect, tree: tree, file: made.file, container: made.container)
    }

    /// Reads an XLIFF 1.2 or 2.x file; anything that is not one (or breaks its structure) is a positioned error.
    static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> XLIFFFile {
        let tree = try XMLTree.parse(bytes, path: path)
        let problems = XLIFFValidator.check(tree, path: path)
        if problems.contains(where: { $0.severity == .error }) { throw DiagnosticError(problems) }
        guard let root = tree.root, let file = root.child("file") else {
            throw DiagnosticError(Diagnostic(.error, path: path, line: tree.root?.line ?? 0, "not an XLIFF file"))
        }
        if let namespace = root.namespace, let dialect = XLIFFVersion.dialect(reading: namespace),
            let container = dialect.unitContainer(of: file)
        {
            return XLIFFFile(dialect: dialect, tree: tree, file: file, container: container)
        }
        throw DiagnosticError(
            Diagnostic(.error, path: path, line: root.line, column: 0, "not an XLIFF 1.2 or 2.x file"))
    }

    /// Applies ``XLIFFOrigin``'s project rule: one `<file>`, whose `original` names `document`.
    func checkOrigin(document: String, path: String) throws(DiagnosticError) {
        let problems = XLIFFOrigin.problems(XLIFFOrigin.files(of: tree), document: document, path: path)
        if !problems.isEmpty { throw DiagnosticError(problems) }
    }

    /// The source and target languages the file declares.
    var languages: (source: String?, target: String?) { dialect.languages(root: tree.root, file: file) }

    /// Every unit, in document order, groups included.
    var units: [XLIFFUnit] {
        var result: [XLIFFUnit] = []
        let unitName = dialect.unitName
        func walk(_ element: XMLElement) {
            for child in element.childElements where child.namespace == namespace {
                if child.name == unitName {
                    result.append(dialect.init(element: child, namespace: namespace))
                } else if child.name == "group" {
                    walk(child)
                }
            }
        }
        walk(container)
        return result
    }

    /// A new unit at the end of the file, with its source; in 1.2 a copy of the source as its target, in state
    /// new (see ``XLIFFUnit/fillEmptyTargetWithSource()``), in 2.1 no target, in state initial.
    func makeUnit(id: String, source: Segment, codes: [InlineCode], display: (InlineCode) -> String) -> XLIFFUnit {
        let unit = dialect.appendUnit(id: id, to: container, namespace: namespace)
        unit.setSource(source, codes: codes, display: display)
        unit.fillEmptyTargetWithSource()
        return unit
    }

    /// The group that keeps removed translated units, created on request.
    func removedGroup(create: Bool) -> XMLElement? {
        if let group = container.childElements.first(where: { $0.name == "group" && $0["id"] == Self.removedGroupID }) {
            return group
        }
        guard create else { return nil }
        return container.append("group", attributes: [("id", Self.removedGroupID), ("translate", "no")])
    }

    /// The file as bytes, with regenerated indentation. Wraps libxml2's serializer.
    func serialized() -> [UInt8] {
        tree.root?.reindent(containers: Self.containers)
        return tree.serialized()
    }

    /// The translation of every unit, by id.
    func storedUnits() -> [String: StoredUnit] {
        var result: [String: StoredUnit] = [:]
        for unit in units {
            if let stored = StoredUnit(unit) { result[stored.id] = stored }
        }
        return result
    }

    /// The translation of every unit of a file, read unit by unit with the streaming reader, so a build's
    /// memory follows the largest unit rather than the file. With `document`, the file is that document's
    /// and ``XLIFFOrigin``'s project rule applies.
    static func streamStoredUnits(
        _ bytes: [UInt8], path: String,
        document: String? = nil
    ) throws(DiagnosticError) -> [String: StoredUnit] {
        var result: [String: StoredUnit] = [:]
        var files: [XLIFFOrigin.FileElement] = []
        let record = { (line: Int, original: String?) in
            files.append(XLIFFOrigin.FileElement(original: original, line: line))
        }
        try XMLStreamReader.forEach(bytes, path: path, elements: unitNames, opening: "file", opened: record) {
            element in
            guard let namespace = element.namespace, let dialect = XLIFFVersion.dialect(reading: namespace),
                element.name == dialect.unitName
            else { return }
            if let stored = StoredUnit(dialect.init(element: element, namespace: namespace)) {
                result[stored.id] = stored
            }
        }
        let problems = XLIFFOrigin.problems(files, document: document, path: path)
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return result
    }
}

/// What an XLIFF file holds for one unit.
struct StoredUnit: Sendable {
    init?(_ unit: XLIFFUnit) {
        guard let id = unit.id else { return nil }
        let source = unit.source
        self.init(
            id: id, source: source, target: unit.target?.withoutLayoutWhitespace(like: source), state: unit.state,
            hasState: unit.hasStateAttribute, isApproved: unit.isApproved, line: unit.element.line)
    }

    init(
        id: String, source: Segment, target: Segment?, state: TranslationState?, hasState: Bool, isApproved: Bool?,
        line: Int
    ) {
        self.id = id
        self.source = source
        self.target = target
        self.state = state
        self.hasState = hasState
        self.isApproved = isApproved
        self.line = line
    }

    var id: String
    var source: Segment
    var target: Segment?
    var state: TranslationState?
    /// False when the file gives no state at all (some tools write none).
    var hasState: Bool
    /// XLIFF 1.2's `approved`, when the file gives it.
    var isApproved: Bool?
    var line: Int

    /// Whether a tool filled the target without confirming it: state new, a text other than the source.
    var isFilledNew: Bool {
        guard hasState, state == .new, let target, target.hasText else { return false }
        return target != source
    }

    /// Whether build may use the target: a target with content in a state at or above `minimum` (or with
    /// no state at all), which no tool marked unapproved.
    func isUsable(minimum: TranslationState) -> Bool {
        guard let target, !target.pieces.isEmpty, isApproved != false else { return false }
        guard hasState else { return true }
        guard let state else { return false }
        return state >= minimum && state != .needsReview
    }
}
