/// ccl10n's structural checks of an XLIFF 1.x file (see ``XLIFFValidator``): the version, `<file>`s with their
/// required attributes and `<body>`, unique unit ids, one `<source>` and at most one `<target>` per unit, state
/// values, and inline elements with their ids.
enum XLIFF12Validator {
    static let states12: Set<String> = [
        "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
        "needs-review-translation", "needs-translation", "new", "signed-off", "translated",
    ]
    static let inline12: Set<String> = ["g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "sub", "mrk"]

    /// Every problem of the file whose `<xliff>` is `root`, in `namespace` (1.0, 1.1 or 1.2).
    static func check(_ root: XMLElement, namespace: String, path: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ element: XMLElement, _ message: String) {
            problems.append(Diagnostic(.error, path: path, line: element.line, column: 0, message))
        }
        let expected = String(namespace.suffix(3))
        if root["version"] != expected {
            report(root, "an XLIFF \(expected) file needs version=\"\(expected)\" on <xliff>")
        }
        checkFiles(root, namespace: namespace, report: report)
        return problems
    }

    private static func checkFiles(_ root: XMLElement, namespace: String, report: (XMLElement, String) -> Void) {
        let files = root.childElements.filter { $0.namespace == namespace }
        if !files.contains(where: { $0.name == "file" }) { report(root, "<xliff> has no <file>") }
        for file in files {
            guard file.name == "file" else {
                report(file, "<\(file.name)> cannot stand directly in <xliff>")
                continue
            }
            for attribute in ["original", "source-language", "datatype"] where file[attribute] == nil {
                report(file, "<file> lacks the required attribute '\(attribute)'")
            }
            guard let body = file.child("body") else {
                report(file, "<file> has no <body>")
                continue
            }
            var ids: [String: Int] = [:]
            checkGroup12(body, namespace: namespace, ids: &ids, report: report)
        }
    }

    private static func checkGroup12(
        _ container: XMLElement, namespace: String, ids: inout [String: Int], report: (XMLElement, String) -> Void
    ) {
        for element in container.childElements where element.namespace == namespace {
            switch element.name {
            case "group":
                checkGroup12(element, namespace: namespace, ids: &ids, report: report)
            case "trans-unit":
                checkUnit12(element, namespace: namespace, ids: &ids, report: report)
            case "bin-unit":
                continue
            default:
                report(element, "<\(element.name)> cannot stand in <\(container.name)>")
            }
        }
    }

    private static func checkUnit12(
        _ unit: XMLElement, namespace: String, ids: inout [String: Int], report: (XMLElement, String) -> Void
    ) {
        guard let id = unit["id"], !id.isEmpty else {
            report(unit, "<trans-unit> lacks the required attribute 'id'")
            return
        }
        if let first = ids[id] {
            report(unit, "trans-unit id '\(id)' is used twice (first on line \(first))")
        } else {
            ids[id] = unit.line
        }
        let children = unit.childElements.filter { $0.namespace == namespace }
        let sources = children.filter { $0.name == "source" }
        let targets = children.filter { $0.name == "target" }
        if sources.count != 1 {
            report(unit, "trans-unit '\(id)' has \(sources.count) <source> elements; it needs exactly one")
        }
        if targets.count > 1 {
            report(unit, "trans-unit '\(id)' has \(targets.count) <target> elements; at most one is allowed")
        }
        if let state = targets.first?["state"], !states12.contains(state), !state.hasPrefix("x-") {
            report(
                targets[0],
                "trans-unit '\(id)': state '\(state)' is not an XLIFF 1.2 state (new, translated, final, …, or x-…)")
        }
        for content in sources + targets { checkInline12(content, namespace: namespace, unitID: id, report: report) }
    }

    private static func checkInline12(
        _ element: XMLElement, namespace: String, unitID: String, report: (XMLElement, String) -> Void
    ) {
        for child in element.childElements where child.namespace == namespace {
            guard inline12.contains(child.name) else {
                report(child, "trans-unit '\(unitID)': <\(child.name)> is not an XLIFF 1.2 inline element")
                continue
            }
            if child.name != "mrk" && child.name != "sub" && child["id"] == nil {
                report(child, "trans-unit '\(unitID)': inline <\(child.name)> lacks its 'id'")
            }
            checkInline12(child, namespace: namespace, unitID: unitID, report: report)
        }
    }
}
