/// Checks an XLIFF 2.0/2.1 document: the shape of every core element (as the schema would) and the
/// specification's processing requirements that no schema can express (unique ids, references that
/// resolve, paired codes and markers, languages, reordering and deletion constraints, fragment identifiers),
/// then the modules' rules (``XLIFF2ModuleValidator``).
struct XLIFF2Validator {
    static let core = XLIFFVersion.namespace2
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    let path: String
    /// Extra fragment-identifier prefixes, by the namespace that registers them.
    let extraPrefixes: [String: String]
    var problems: [Diagnostic] = []

    init(path: String, extraPrefixes: [String: String] = [:]) {
        self.path = path
        self.extraPrefixes = extraPrefixes
    }

    mutating func report(_ element: XMLElement, _ message: String) {
        problems.append(Diagnostic(.error, path: path, line: element.line, column: 0, message))
    }

    mutating func validate(_ root: XMLElement) {
        checkShape(root)
        guard problems.isEmpty else { return }
        if !["2.0", "2.1"].contains(root["version"] ?? "") {
            report(root, "<xliff> version must be 2.0 or 2.1, not '\(root["version"] ?? "")'")
        }
        let srcLang = root["srcLang"] ?? ""
        let trgLang = root["trgLang"]
        var fileIDs: Set<String> = []
        for file in root.childElements where file.name == "file" {
            if let id = file["id"], !fileIDs.insert(id).inserted { report(file, "file id '\(id)' is used twice") }
            checkFile(file, srcLang: srcLang, trgLang: trgLang)
        }
        var modules = XLIFF2ModuleValidator(path: path)
        modules.validate(root, fragments: { ref, element, unit in self.fragmentProblem(ref, at: element, unit: unit) })
        problems += modules.problems
    }

    // MARK: Shape

    private mutating func checkShape(_ element: XMLElement) {
        guard element.namespace == Self.core else { return }
        guard let rule = XLIFF2Rules.elements[element.name] else {
            report(element, "<\(element.name)> is not an XLIFF 2 core element")
            return
        }
        checkAttributes(element, rule: rule)
        if !rule.allowsText {
            let hasText = element.children.contains {
                if case .text(let text, _) = $0 { !text.allSatisfy(\.isWhitespace) } else { false }
            }
            if hasText { report(element, "<\(element.name)> cannot contain text") }
        }
        if let particles = rule.children {
            checkChildren(element, particles)
        } else if element.name != "skeleton" {
            for child in element.childElements {
                if child.namespace != Self.core || !XLIFF2Rules.inlineNames.contains(child.name) {
                    report(child, "<\(child.name)> cannot stand inside <\(element.name)>: only inline elements can")
                }
            }
        }
        if element.name != "skeleton" {
            for child in element.childElements { checkShape(child) }
        }
    }

    private mutating func checkChildren(_ element: XMLElement, _ particles: [XLIFF2Rules.Particle]) {
        if let (at, message) = XLIFF2Rules.contentProblem(element, particles, namespace: Self.core) {
            report(at, message)
        }
    }

    private mutating func checkAttributes(_ element: XMLElement, rule: XLIFF2Rules.Element) {
        for attribute in element.allAttributes {
            switch attribute.namespace {
            case nil:
                guard rule.attributes.contains(attribute.name) else {
                    report(element, "<\(element.name)> cannot have the attribute '\(attribute.name)'")
                    continue
                }
                checkValue(element, attribute.name, attribute.value)
            case Self.xmlNamespace?:
                let allowed: Set<String> =
                    switch element.name {
                    case "source", "target": ["lang", "space"]
                    case "data": ["space"]
                    default: rule.foreignAttributes == .any ? ["lang", "space"] : []
                    }
                guard allowed.contains(attribute.name) else {
                    report(element, "<\(element.name)> cannot have xml:\(attribute.name)")
                    continue
                }
                if attribute.name == "lang", !XLIFF2Rules.isLanguageTag(attribute.value) {
                    report(element, "xml:lang '\(attribute.value)' is not a well-formed language tag")
                }
                if attribute.name == "space", !["default", "preserve"].contains(attribute.value) {
                    report(element, "xml:space must be 'default' or 'preserve'")
                }
            case let namespace?:
                switch rule.foreignAttributes {
                case .any: continue
                case .none:
                    report(
                        element, "<\(element.name)> cannot have attributes from other namespaces ('\(attribute.name)')")
                case .modulesOnly:
                    if XLIFF2Rules.modules[namespace] == nil {
                        report(
                            element,
                            "<\(element.name)> can have module attributes only, not '\(attribute.name)' from \(namespace)"
                        )
                    }
                }
            }
        }
        for name in rule.required.sorted() where element[name] == nil {
            report(element, "<\(element.name)> lacks the required attribute '\(name)'")
        }
    }

    private mutating func checkValue(_ element: XMLElement, _ name: String, _ value: String) {
        if let allowed = XLIFF2Rules.enumerations[name], !allowed.contains(value) {
            report(element, "\(name)='\(value)' is not one of \(allowed.sorted().joined(separator: ", "))")
            return
        }
        switch name {
        case "id", "startRef", "copyOf", "dataRef", "dataRefStart", "dataRefEnd":
            if !XLIFF2Rules.isNMTOKEN(value) {
                report(element, "\(name) '\(value)' is not a valid identifier (NMTOKEN)")
            }
        case "srcLang", "trgLang":
            if !XLIFF2Rules.isLanguageTag(value) {
                report(element, "\(name) '\(value)' is not a well-formed language tag")
            }
        case "priority":
            if !(Int(value).map { (1...10).contains($0) } ?? false) {
                report(element, "priority must be an integer from 1 to 10")
            }
        case "order":
            if !(Int(value).map { $0 >= 1 } ?? false) { report(element, "order must be a positive integer") }
        case "subFlows", "subFlowsStart", "subFlowsEnd":
            if !value.split(separator: " ").allSatisfy({ XLIFF2Rules.isNMTOKEN(String($0)) }) || value.isEmpty {
                report(element, "\(name) must list unit ids separated by spaces")
            }
        case "type":
            if XLIFF2Rules.inlineCodes.contains(element.name) {
                if !XLIFF2Rules.codeTypes.contains(value) {
                    report(
                        element,
                        "type '\(value)' is not a code type (\(XLIFF2Rules.codeTypes.sorted().joined(separator: ", ")))"
                    )
                }
            } else if element.name == "mrk" || element.name == "sm" {
                if !["generic", "comment", "term"].contains(value) && !XLIFF2Rules.isUserDefined(value) {
                    report(element, "type '\(value)' must be generic, comment, term or prefix:value")
                }
            } else if !XLIFF2Rules.isUserDefined(value) {
                report(element, "type '\(value)' must be prefix:value")
            }
        case "subType":
            guard element["type"] != nil else {
                report(element, "subType needs a type")
                return
            }
            if !XLIFF2Rules.isUserDefined(value) {
                report(element, "subType '\(value)' must be prefix:value")
            } else if value.hasPrefix("xlf:") {
                if let type = XLIFF2Rules.xlfSubTypes[value] {
                    if element["type"] != type { report(element, "subType '\(value)' needs type='\(type)'") }
                } else {
                    report(element, "subType '\(value)' is not one XLIFF defines")
                }
            }
        case "subState":
            if element["state"] == nil { report(element, "subState needs a state") }
            if !XLIFF2Rules.isUserDefined(value) { report(element, "subState '\(value)' must be prefix:value") }
        case "hex":
            let digits = value.count >= 4 && value.count <= 6 && value.allSatisfy(\.isHexDigit)
            guard digits, let code = UInt32(value, radix: 16), code <= 0x10FFFF else {
                report(element, "hex '\(value)' is not a code point from 0000 to 10FFFF")
                return
            }
            let allowedInXML =
                code == 0x9 || code == 0xA || code == 0xD || (0x20...0xD7FF).contains(code)
                || (0xE000...0xFFFD).contains(code) || (0x10000...0x10FFFF).contains(code)
            if allowedInXML {
                report(element, "<cp hex='\(value)'/> is for characters XML cannot carry; write this one as text")
            }
        default:
            break
        }
    }

    // MARK: Files, groups and units

    private mutating func checkFile(_ file: XMLElement, srcLang: String, trgLang: String?) {
        if let skeleton = file.child("skeleton") {
            let hasContent = !skeleton.childElements.isEmpty || !skeleton.textContent.allSatisfy(\.isWhitespace)
            if skeleton["href"] == nil && !hasContent { report(skeleton, "<skeleton> needs an href or content") }
            if skeleton["href"] != nil && hasContent { report(skeleton, "<skeleton> with an href must be empty") }
        }
        var structureIDs: Set<String> = []
        var unitIDs: Set<String> = []
        var units: [XMLElement] = []
        func collect(_ container: XMLElement) {
            for child in container.childElements
            where child.namespace == Self.core && (child.name == "unit" || child.name == "group") {
                if let id = child["id"], !structureIDs.insert(id).inserted {
                    report(
                        child,
                        "\(child.name) id '\(id)' is not unique among the groups and units of file '\(file["id"] ?? "")'"
                    )
                }
                if child.name == "unit" {
                    units.append(child)
                    if let id = child["id"] { unitIDs.insert(id) }
                } else {
                    collect(child)
                }
            }
        }
        collect(file)
        checkScopeIDs(file)
        func groups(_ container: XMLElement) {
            for group in container.childElements where group.namespace == Self.core && group.name == "group" {
                checkScopeIDs(group)
                groups(group)
            }
        }
        groups(file)
        for unit in units {
            checkScopeIDs(unit)
            checkUnit(unit, file: file, srcLang: srcLang, trgLang: trgLang, unitIDs: unitIDs)
        }
    }

    /// Ids unique within one file, group or unit: its notes, and the extension elements it holds directly.
    private mutating func checkScopeIDs(_ scope: XMLElement) {
        if let notes = scope.child("notes") {
            var ids: Set<String> = []
            for note in notes.childElements where note.name == "note" {
                if let id = note["id"], !ids.insert(id).inserted {
                    report(note, "note id '\(id)' is used twice in <\(scope.name)>")
                }
            }
        }
        var ids: Set<String> = []
        func walk(_ element: XMLElement) {
            for id in [element["id"], element.xmlAttribute("id")].compactMap({ $0 }) where !ids.insert(id).inserted {
                report(element, "id '\(id)' is used twice among the extension elements of <\(scope.name)>")
            }
            element.childElements.forEach(walk)
        }
        for child in scope.childElements
        where child.namespace != Self.core && !(child.namespace.map { XLIFF2Rules.modules[$0] != nil } ?? false) {
            walk(child)
        }
    }

    /// An inline element with the side (source or target) and the part it is in.
    private struct Inline {
        var element: XMLElement
        var part: Int
    }

    private mutating func checkUnit(
        _ unit: XMLElement, file: XMLElement, srcLang: String, trgLang: String?, unitIDs: Set<String>
    ) {
        let parts = unit.childElements.filter {
            $0.namespace == Self.core && ($0.name == "segment" || $0.name == "ignorable")
        }
        if !parts.contains(where: { $0.name == "segment" }) {
            report(unit, "unit '\(unit["id"] ?? "")' has no <segment>")
        }
        var dataIDs: Set<String> = []
        if let originalData = unit.child("originalData") {
            for data in originalData.childElements where data.name == "data" {
                if let id = data["id"], !dataIDs.insert(id).inserted { report(data, "data id '\(id)' is used twice") }
            }
        }
        let noteIDs = Set(unit.child("notes")?.childElements.compactMap { $0["id"] } ?? [])
        var partIDs: Set<String> = []
        for part in parts {
            if let id = part["id"], !partIDs.insert(id).inserted {
                report(part, "segment or ignorable id '\(id)' is used twice")
            }
            if let state = part["state"], ["translated", "reviewed", "final"].contains(state),
                part.child("target") == nil
            {
                report(part, "a segment in state '\(state)' needs a <target>")
            }
        }
        var sources: [Inline] = []
        var targets: [Inline] = []
        var hasTarget = false
        var orders: [Int: XMLElement] = [:]
        for (index, part) in parts.enumerated() {
            guard let source = part.child("source") else { continue }
            checkLanguage(source, expected: srcLang, attribute: "srcLang")
            sources += Self.inlines(source).map { Inline(element: $0, part: index) }
            guard let target = part.child("target") else { continue }
            hasTarget = true
            if let trgLang {
                checkLanguage(target, expected: trgLang, attribute: "trgLang")
            } else {
                report(target, "a file with <target> elements needs trgLang on <xliff>")
            }
            if Self.effectiveSpace(source) != Self.effectiveSpace(target) {
                report(target, "the target's xml:space differs from its source's")
            }
            let order = target["order"].flatMap { Int($0) } ?? index + 1
            if order > parts.count { report(target, "order \(order) is beyond the \(parts.count) parts of the unit") }
            if let other = orders[order] {
                report(target, "order \(order) is already taken (line \(other.line))")
            } else {
                orders[order] = target
            }
            targets += Self.inlines(target).map { Inline(element: $0, part: index) }
        }
        var sourceIDs = partIDs
        for inline in sources where !["em", "ec", "cp"].contains(inline.element.name) {
            if let id = inline.element["id"], !sourceIDs.insert(id).inserted {
                report(inline.element, "id '\(id)' is used twice in the source of unit '\(unit["id"] ?? "")'")
            }
        }
        var targetIDs: Set<String> = []
        for inline in targets where !["em", "ec", "cp"].contains(inline.element.name) {
            if let id = inline.element["id"], !targetIDs.insert(id).inserted {
                report(inline.element, "id '\(id)' is used twice in the target of unit '\(unit["id"] ?? "")'")
            }
        }
        let codes = Dictionary(
            (sources + targets).compactMap { inline in
                XLIFF2Rules.inlineCodes.contains(inline.element.name)
                    ? inline.element["id"].map { ($0, inline.element) } : nil
            }, uniquingKeysWith: { first, _ in first })
        for inline in sources + targets {
            checkReferences(
                inline.element, dataIDs: dataIDs, codes: codes, unitIDs: unitIDs, noteIDs: noteIDs, unit: unit)
        }
        checkPairs(sources.map(\.element))
        checkPairs(targets.map(\.element))
        checkMarkers(sources.map(\.element))
        checkMarkers(targets.map(\.element))
        checkReordering(sources.map(\.element), targets: targets.map(\.element), hasTarget: hasTarget)
        if hasTarget {
            let present = Set(
                targets.compactMap {
                    $0.element.name == "ec"
                        ? $0.element["startRef"].map { "ec:" + $0 } ?? $0.element["id"] : $0.element["id"]
                })
            for inline in sources
            where XLIFF2Rules.inlineCodes.contains(inline.element.name) && inline.element["canDelete"] == "no" {
                let key =
                    inline.element.name == "ec"
                    ? inline.element["startRef"].map { "ec:" + $0 } ?? inline.element["id"] : inline.element["id"]
                if let key, !present.contains(key) {
                    report(inline.element, "code '\(key)' cannot be deleted (canDelete='no') but the target lacks it")
                }
            }
        }
    }

    /// Every inline element below a source or target, in document order.
    private static func inlines(_ content: XMLElement) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ element: XMLElement) {
            for child in element.childElements where child.namespace == core {
                result.append(child)
                walk(child)
            }
        }
        walk(content)
        return result
    }

    private mutating func checkLanguage(_ content: XMLElement, expected: String, attribute: String) {
        var element: XMLElement? = content
        while let current = element {
            if let lang = current.xmlAttribute("lang") {
                if lang.lowercased() != expected.lowercased() {
                    report(content, "<\(content.name)> is in xml:lang '\(lang)' but \(attribute) is '\(expected)'")
                }
                return
            }
            element = current.parent
        }
    }

    private static func effectiveSpace(_ content: XMLElement) -> String {
        var element: XMLElement? = content
        while let current = element {
            if let space = current.xmlAttribute("space") { return space }
            element = current.parent
        }
        return "default"
    }

    private mutating func checkReferences(
        _ element: XMLElement, dataIDs: Set<String>, codes: [String: XMLElement],
        unitIDs: Set<String>, noteIDs: Set<String>, unit: XMLElement
    ) {
        for attribute in ["dataRef", "dataRefStart", "dataRefEnd"] {
            if let id = element[attribute], !dataIDs.contains(id) {
                report(element, "\(attribute) '\(id)' names no <data> in this unit's <originalData>")
            }
        }
        if let copyOf = element["copyOf"] {
            if element["dataRef"] != nil || element["dataRefStart"] != nil {
                report(element, "a code with copyOf cannot also have original data")
            }
            if let original = codes[copyOf] {
                if original["canCopy"] == "no" { report(element, "code '\(copyOf)' cannot be copied (canCopy='no')") }
            } else {
                report(element, "copyOf '\(copyOf)' names no code of this unit")
            }
        }
        for attribute in ["subFlows", "subFlowsStart", "subFlowsEnd"] {
            for id in (element[attribute] ?? "").split(separator: " ") where !unitIDs.contains(String(id)) {
                report(element, "\(attribute) names '\(id)', which is no unit of this file")
            }
        }
        if element.name == "pc" {
            if (element["equivStart"] == nil) != (element["equivEnd"] == nil) {
                report(element, "equivStart and equivEnd go together")
            }
            if (element["subFlowsStart"] == nil) != (element["subFlowsEnd"] == nil) {
                report(element, "subFlowsStart and subFlowsEnd go together")
            }
        }
        if element.name == "mrk" || element.name == "sm" {
            let type = element["type"] ?? "generic"
            if type == "comment" {
                let hasValue = element["value"] != nil
                let ref = element["ref"]
                if hasValue == (ref != nil) {
                    report(element, "a comment annotation needs either value or ref, not both and not neither")
                }
                if let ref, !refersToUnitNote(ref, unit: unit, noteIDs: noteIDs) {
                    report(element, "the comment's ref '\(ref)' does not point to a note of this unit")
                }
            }
            if type == "mtc:match", element["ref"] != nil {
                report(element, "a translation-candidate marker (mtc:match) cannot have ref")
            }
            if let ref = element["ref"], let problem = fragmentProblem(ref, at: element, unit: unit) {
                report(element, problem)
            }
        }
    }

    /// Whether a comment's ref names a note of the unit it is in: `#n=ID` or a path ending `u=UNIT/n=ID`.
    private func refersToUnitNote(_ ref: String, unit: XMLElement, noteIDs: Set<String>) -> Bool {
        guard let parts = FragmentIdentifier(ref)?.parts, let last = parts.last, last.prefix == "n",
            noteIDs.contains(last.id)
        else {
            return false
        }
        if parts.count == 1 { return true }
        let before = parts[parts.count - 2]
        return before.prefix == "u" && before.id == unit["id"]
    }

    /// sc/ec pairing on one side of a unit, across its segments.
    private mutating func checkPairs(_ inlines: [XMLElement]) {
        var open: [String: XMLElement] = [:]
        var closed: Set<String> = []
        for element in inlines {
            if element.name == "sc", let id = element["id"] {
                open[id] = element
            } else if element.name == "ec" {
                let startRef = element["startRef"]
                if element["isolated"] == "yes" {
                    if startRef != nil || element["id"] == nil {
                        report(element, "an isolated <ec> uses id, not startRef")
                    }
                    continue
                }
                if startRef != nil && element["id"] != nil { report(element, "<ec> has both startRef and id") }
                guard let startRef else {
                    report(element, "<ec> without startRef must be isolated='yes'")
                    continue
                }
                guard let start = open[startRef] else {
                    report(element, "<ec startRef='\(startRef)'> comes before (or without) its <sc>")
                    continue
                }
                if start["isolated"] == "yes" {
                    report(start, "<sc id='\(startRef)'> is isolated but its <ec> is here")
                }
                closed.insert(startRef)
                for attribute in ["canCopy", "canDelete", "canOverlap"]
                where (start[attribute] ?? "yes") != (element[attribute] ?? "yes") {
                    report(element, "<ec> must have the same \(attribute) as its <sc>")
                }
                let startReorder = start["canReorder"] ?? "yes"
                let endReorder = element["canReorder"] ?? "yes"
                if (startReorder == "yes") != (endReorder == "yes") || endReorder == "firstNo" {
                    report(
                        element, "<ec> canReorder='\(endReorder)' does not match its <sc> canReorder='\(startReorder)'")
                }
            }
        }
        for (id, start) in open where !closed.contains(id) && start["isolated"] != "yes" {
            report(start, "<sc id='\(id)'> has no <ec> in this unit: mark it isolated='yes'")
        }
    }

    /// sm/em pairing on one side of a unit.
    private mutating func checkMarkers(_ inlines: [XMLElement]) {
        var open: Set<String> = []
        var closed: Set<String> = []
        var starts: [String: XMLElement] = [:]
        for element in inlines {
            if element.name == "sm", let id = element["id"] {
                open.insert(id)
                starts[id] = element
            } else if element.name == "em", let startRef = element["startRef"] {
                if open.contains(startRef) {
                    closed.insert(startRef)
                } else {
                    report(element, "<em startRef='\(startRef)'> has no <sm> before it")
                }
            }
        }
        for id in open.subtracting(closed).sorted() {
            if let start = starts[id] { report(start, "<sm id='\(id)'> has no <em>") }
        }
    }

    /// Non-reorderable sequences: a `firstNo` code followed by `no` codes, which must not be copied or deleted
    /// and must stay in the same order in the target.
    private mutating func checkReordering(_ sources: [XMLElement], targets: [XMLElement], hasTarget: Bool) {
        var inSequence = false
        var sequences: [[String]] = []
        for element in sources where XLIFF2Rules.inlineCodes.contains(element.name) {
            let value = element["canReorder"] ?? "yes"
            if value != "yes" && (element["canCopy"] != "no" || element["canDelete"] != "no") {
                report(element, "a code with canReorder='\(value)' must also have canCopy='no' and canDelete='no'")
            }
            let key = element.name == "ec" ? element["startRef"].map { "ec:" + $0 } ?? element["id"] : element["id"]
            switch value {
            case "firstNo":
                inSequence = true
                sequences.append(key.map { [$0] } ?? [])
            case "no":
                if !inSequence { report(element, "canReorder='no' must follow a code with canReorder='firstNo'") }
                if let key, !sequences.isEmpty { sequences[sequences.count - 1].append(key) }
            default:
                inSequence = false
            }
        }
        guard hasTarget else { return }
        // Each code after the first of a sequence keeps its place: the same code (or parent code) before it.
        let targetAnchors = Dictionary(
            targets.filter { XLIFF2Rules.inlineCodes.contains($0.name) }.compactMap { element in
                Self.codeKey(element).map { ($0, Self.anchor(of: element)) }
            }, uniquingKeysWith: { first, _ in first })
        let sequenceKeys = Set(sequences.flatMap { $0.dropFirst() })
        for element in sources where XLIFF2Rules.inlineCodes.contains(element.name) {
            guard let key = Self.codeKey(element), sequenceKeys.contains(key), let anchor = targetAnchors[key] else {
                continue
            }
            if anchor != Self.anchor(of: element) {
                report(element, "code '\(key)' belongs to a non-reorderable sequence but has moved in the target")
            }
        }
    }

    /// The id a code is known by on both sides (an `<ec>` by its start's id).
    private static func codeKey(_ element: XMLElement) -> String? {
        element.name == "ec" ? element["startRef"].map { "ec:" + $0 } ?? element["id"] : element["id"]
    }

    /// What comes right before a code: the previous code among its siblings, else its parent code, else nothing.
    private static func anchor(of element: XMLElement) -> String {
        var previous = element.previousElementSibling
        while let current = previous {
            if XLIFF2Rules.inlineCodes.contains(current.name), let key = codeKey(current) { return "after:" + key }
            previous = current.previousElementSibling
        }
        if let parent = element.parent, parent.name == "pc", let id = parent["id"] { return "in:" + id }
        return "start"
    }

    /// Why a fragment identifier (`#/f=f1/u=u1/n=n1`) is wrong, or nil when it is well-formed.
    func fragmentProblem(_ ref: String, at element: XMLElement, unit: XMLElement?) -> String? {
        guard ref.hasPrefix("#") else { return nil }
        guard let fragment = FragmentIdentifier(ref) else {
            return "'\(ref)' is not a fragment identifier (#prefix=id/…)"
        }
        return fragment.problem(registered: Set(XLIFF2Rules.modules.values).union(extraPrefixes.values))
    }
}
