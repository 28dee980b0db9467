/// Checks the XLIFF 2 modules' elements and attributes: Translation Candidates (mtc), Glossary (gls),
/// Format Style (fs), Metadata (mda), Resource Data (res), Size and Length Restriction (slr), Validation (val)
/// and Change Tracking (ctr), with the constraints each module's specification states.
struct XLIFF2ModuleValidator {
    typealias Rule = XLIFF2Rules.Element
    typealias Particle = XLIFF2Rules.Particle

    static let mtc = "urn:oasis:names:tc:xliff:matches:2.0"
    static let gls = "urn:oasis:names:tc:xliff:glossary:2.0"
    static let fs = "urn:oasis:names:tc:xliff:fs:2.0"
    static let mda = "urn:oasis:names:tc:xliff:metadata:2.0"
    static let res = "urn:oasis:names:tc:xliff:resourcedata:2.0"
    static let slr = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
    static let val = "urn:oasis:names:tc:xliff:validation:2.0"
    static let ctr = "urn:oasis:names:tc:xliff:changetracking:2.0"
    static let core = XLIFFVersion.namespace2
    static let many = Int.max

    /// Element rules per module namespace. A particle with `extensions` accepts elements of any other namespace.
    static let rules: [String: [String: Rule]] = [
        mtc: [
            "matches": Rule(attributes: [], children: [Particle(names: ["match"], min: 1, max: many)]),
            "match": Rule(
                attributes: [
                    "id", "matchQuality", "matchSuitability", "origin", "ref", "reference", "similarity",
                    "subType", "type",
                ], required: ["ref"], foreignAttributes: .any, children: nil),
        ],
        gls: [
            "glossary": Rule(attributes: [], children: [Particle(names: ["glossEntry"], min: 1, max: many)]),
            "glossEntry": Rule(
                attributes: ["id", "ref"], foreignAttributes: .any,
                children: [
                    Particle(names: ["term"], min: 1, max: 1), Particle(names: ["translation"], min: 0, max: many),
                    Particle(names: ["definition"], min: 0, max: 1),
                    Particle(names: [], extensions: true, min: 0, max: many),
                ]),
            "term": Rule(attributes: ["source"], foreignAttributes: .any, children: [], allowsText: true),
            "translation": Rule(
                attributes: ["id", "ref", "source"], foreignAttributes: .any, children: [], allowsText: true),
            "definition": Rule(attributes: ["source"], foreignAttributes: .any, children: [], allowsText: true),
        ],
        mda: [
            "metadata": Rule(attributes: ["id"], children: [Particle(names: ["metaGroup"], min: 1, max: many)]),
            "metaGroup": Rule(
                attributes: ["id", "category", "appliesTo"],
                children: [Particle(names: ["meta", "metaGroup"], min: 1, max: many)]),
            "meta": Rule(attributes: ["type"], required: ["type"], children: [], allowsText: true),
        ],
        res: [
            "resourceData": Rule(
                attributes: ["id"], children: [Particle(names: ["resourceItemRef", "resourceItem"], min: 1, max: many)]),
            "resourceItemRef": Rule(
                attributes: ["id", "ref"], required: ["ref"], foreignAttributes: .any, children: []),
            "resourceItem": Rule(
                attributes: ["id", "mimeType", "context"], foreignAttributes: .any,
                children: [
                    Particle(names: ["source"], min: 0, max: 1), Particle(names: ["target"], min: 0, max: 1),
                    Particle(names: ["reference"], min: 0, max: many),
                ]),
            "source": Rule(attributes: ["href"], foreignAttributes: .any, children: nil, allowsText: true),
            "target": Rule(attributes: ["href"], foreignAttributes: .any, children: nil, allowsText: true),
            "reference": Rule(attributes: ["href"], required: ["href"], foreignAttributes: .any, children: []),
        ],
        slr: [
            "profiles": Rule(
                attributes: ["generalProfile", "storageProfile"],
                children: [
                    Particle(names: ["normalization"], min: 0, max: 1),
                    Particle(names: [], extensions: true, min: 0, max: many),
                ]),
            "normalization": Rule(attributes: ["general", "storage"], children: []),
            "data": Rule(
                attributes: ["profile"], required: ["profile"],
                children: [Particle(names: [], extensions: true, min: 0, max: many)]),
        ],
        val: [
            "validation": Rule(attributes: [], children: [Particle(names: ["rule"], min: 1, max: many)]),
            "rule": Rule(
                attributes: [
                    "isPresent", "occurs", "isNotPresent", "startsWith", "endsWith", "existsInSource",
                    "caseSensitive", "normalization", "disabled",
                ], foreignAttributes: .any, children: []),
        ],
        ctr: [
            "changeTrack": Rule(attributes: [], children: [Particle(names: ["revisions"], min: 1, max: many)]),
            "revisions": Rule(
                attributes: ["appliesTo", "ref", "currentVersion"], required: ["appliesTo"], foreignAttributes: .any,
                children: [Particle(names: ["revision"], min: 1, max: many)]),
            "revision": Rule(
                attributes: ["author", "datetime", "version"], foreignAttributes: .any,
                children: [Particle(names: ["item"], min: 1, max: many)]),
            "item": Rule(
                attributes: ["property"], required: ["property"], foreignAttributes: .any, children: [],
                allowsText: true),
        ],
    ]

    static let yesNo: Set<String> = ["yes", "no"]
    static let normalizations: Set<String> = ["none", "nfc", "nfd"]
    static let matchTypes: Set<String> = ["am", "mt", "icm", "idm", "tb", "tm", "other"]

    /// The HTML element names fs:fs accepts (HTML 4.01 and HTML5).
    static let htmlElements: Set<String> = Set(
        """
        a abbr acronym address applet area article aside audio b base basefont bdi bdo big blockquote body br button \
        canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed \
        fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i \
        iframe img input ins isindex kbd keygen label legend li link main map mark menu menuitem meta meter nav \
        noframes noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script \
        section select small source span strike strong style sub summary sup table tbody td template textarea tfoot \
        th thead time title tr track tt u ul var video wbr
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    let path: String
    var problems: [Diagnostic] = []

    mutating func report(_ element: XMLElement, _ message: String) {
        problems.append(Diagnostic(.error, path: path, line: element.line, column: 0, message))
    }

    mutating func validate(_ root: XMLElement, fragments: (String, XMLElement, XMLElement?) -> String?) {
        let srcLang = root["srcLang"]
        walk(root) { element in
            checkModuleAttributes(element)
            guard let namespace = element.namespace, let moduleRules = Self.rules[namespace] else { return }
            guard let rule = moduleRules[element.name] else {
                report(
                    element, "<\(element.name)> is not an element of the \(XLIFF2Rules.modules[namespace] ?? "") module"
                )
                return
            }
            checkShape(element, rule: rule, namespace: namespace)
            checkConstraints(element, srcLang: srcLang, fragments: fragments)
        }
    }

    private func walk(_ element: XMLElement, _ visit: (XMLElement) -> Void) {
        visit(element)
        for child in element.childElements { walk(child, visit) }
    }

    private mutating func checkShape(_ element: XMLElement, rule: Rule, namespace: String) {
        for attribute in element.allAttributes {
            if attribute.namespace == nil {
                if !rule.attributes.contains(attribute.name) {
                    report(element, "<\(element.name)> cannot have the attribute '\(attribute.name)'")
                }
            } else if attribute.namespace == XLIFF2Validator.xmlNamespace {
                let allowed =
                    namespace == Self.res && ["source", "target", "reference"].contains(element.name)
                    && attribute.name == "lang"
                if !allowed { report(element, "<\(element.name)> cannot have xml:\(attribute.name)") }
            } else if rule.foreignAttributes == .none {
                report(
                    element,
                    "<\(element.name)> cannot have the attribute '\(attribute.name)' from \(attribute.namespace ?? "")")
            }
        }
        for name in rule.required.sorted() where element[name] == nil {
            report(element, "<\(element.name)> lacks the required attribute '\(name)'")
        }
        if !rule.allowsText,
            element.children.contains(where: {
                if case .text(let text, _) = $0 { !text.allSatisfy(\.isWhitespace) } else { false }
            })
        {
            report(element, "<\(element.name)> cannot contain text")
        }
        guard let particles = rule.children else { return }
        if let (at, message) = XLIFF2Rules.contentProblem(element, particles, namespace: namespace) {
            report(at, message)
        }
    }

    /// fs and slr attributes on any element.
    private mutating func checkModuleAttributes(_ element: XMLElement) {
        let isDependentEnd = element.namespace == Self.core && element.name == "ec" && element["isolated"] != "yes"
        var fsValue: String?
        var subFs = false
        var slrNames: Set<String> = []
        for attribute in element.allAttributes {
            switch attribute.namespace {
            case Self.fs?:
                switch attribute.name {
                case "fs":
                    fsValue = attribute.value
                    if !Self.htmlElements.contains(attribute.value) {
                        report(element, "fs:fs '\(attribute.value)' is not an HTML element name")
                    }
                case "subFs":
                    subFs = true
                default:
                    report(element, "'fs:\(attribute.name)' is not a Format Style attribute (fs:fs, fs:subFs)")
                }
                if isDependentEnd {
                    report(element, "an <ec> that closes an <sc> cannot carry fs:\(attribute.name): its <sc> does")
                }
            case Self.slr?:
                slrNames.insert(attribute.name)
                checkSizeAttribute(element, attribute.name, attribute.value, isDependentEnd: isDependentEnd)
            default:
                continue
            }
        }
        if subFs && fsValue == nil { report(element, "fs:subFs needs fs:fs") }
        if slrNames.contains("sizeInfo") && slrNames.contains("sizeInfoRef") {
            report(element, "slr:sizeInfo and slr:sizeInfoRef exclude each other")
        }
    }

    private mutating func checkSizeAttribute(
        _ element: XMLElement, _ name: String, _ value: String, isDependentEnd: Bool
    ) {
        func isInteger(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        switch name {
        case "sizeRestriction", "storageRestriction":
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            let valid =
                value == "*" || (parts.count == 1 && isInteger(parts[0]))
                || (parts.count == 2 && isInteger(parts[0]) && (isInteger(parts[1]) || parts[1] == "*"))
            if !valid { report(element, "slr:\(name) '\(value)' must be '*', a number, 'min,max' or 'min,*'") }
        case "equivStorage":
            if !isInteger(Substring(value)) { report(element, "slr:\(name) '\(value)' must be a whole number") }
        case "sizeInfo":
            // Its form depends on the profile; a number, as the default profile counts, must be whole.
            if Double(value) != nil, !isInteger(Substring(value)) {
                report(element, "slr:sizeInfo '\(value)' must be a whole number")
            }
            if name == "sizeInfo" && isDependentEnd {
                report(element, "an <ec> that closes an <sc> cannot carry slr:sizeInfo")
            }
        case "sizeInfoRef":
            if isDependentEnd { report(element, "an <ec> that closes an <sc> cannot carry slr:sizeInfoRef") }
            if !sizeDataExists(value, from: element) {
                report(
                    element,
                    "slr:sizeInfoRef '\(value)' names nothing in an <slr:data> beside this element or its ancestors")
            }
        default:
            report(element, "'slr:\(name)' is not a Size and Length Restriction attribute")
        }
    }

    /// Whether an id is found inside an `<slr:data>` that is a sibling of the element or of one of its ancestors.
    private func sizeDataExists(_ id: String, from element: XMLElement) -> Bool {
        var current: XMLElement? = element
        while let node = current {
            for sibling in node.parent?.childElements ?? []
            where sibling.namespace == Self.slr && sibling.name == "data" {
                var found = false
                walk(sibling) { if $0["id"] == id || $0.xmlAttribute("id") == id { found = true } }
                if found { return true }
            }
            current = node.parent
        }
        return false
    }

    private mutating func checkConstraints(
        _ element: XMLElement, srcLang: String?,
        fragments: (String, XMLElement, XMLElement?) -> String?
    ) {
        let unit = enclosing("unit", of: element)
        for name in ["id"] where element[name].map({ !XLIFF2Rules.isNMTOKEN($0) }) ?? false {
            report(element, "id '\(element[name] ?? "")' is not a valid identifier (NMTOKEN)")
        }
        switch (element.namespace ?? "", element.name) {
        case (Self.mtc, "matches"):
            uniqueIDs(element.childElements, in: element)
        case (Self.mtc, "match"):
            if let type = element["type"], !Self.matchTypes.contains(type) {
                report(
                    element, "match type '\(type)' is not one of \(Self.matchTypes.sorted().joined(separator: ", "))")
            }
            if element["subType"] != nil && element["type"] == nil { report(element, "subType needs a type") }
            if let subType = element["subType"], !XLIFF2Rules.isUserDefined(subType) {
                report(element, "subType '\(subType)' must be prefix:value")
            }
            if let reference = element["reference"], !Self.yesNo.contains(reference) {
                report(element, "reference must be yes or no")
            }
            for name in ["similarity", "matchQuality", "matchSuitability"] {
                if let text = element[name], !(Double(text).map { (0...100).contains($0) } ?? false) {
                    report(element, "\(name) must be a number from 0 to 100")
                }
            }
            if let ref = element["ref"] { checkSpanReference(ref, at: element, unit: unit, fragments: fragments) }
            let core = element.childElements.filter { $0.namespace == Self.core }
            if !core.contains(where: { $0.name == "source" }) || !core.contains(where: { $0.name == "target" }) {
                report(element, "<mtc:match> needs a <source> and a <target>")
            }
        case (Self.gls, "glossary"):
            uniqueIDs(
                element.childElements.flatMap { [$0] + $0.childElements.filter { $0.name == "translation" } },
                in: element)
        case (Self.gls, "glossEntry"):
            let names = Set(element.childElements.filter { $0.namespace == Self.gls }.map(\.name))
            if !names.contains("translation") && !names.contains("definition") {
                report(element, "<gls:glossEntry> needs a <gls:translation> or a <gls:definition>")
            }
            if let ref = element["ref"], let problem = fragments(ref, element, unit) { report(element, problem) }
        case (Self.gls, "translation"):
            if let ref = element["ref"], let problem = fragments(ref, element, unit) { report(element, problem) }
        case (Self.mda, "metadata"):
            var ids: Set<String> = []
            walk(element) { node in
                guard node.namespace == Self.mda, node.name == "metaGroup", let id = node["id"] else { return }
                if !ids.insert(id).inserted { report(node, "metaGroup id '\(id)' is used twice in <mda:metadata>") }
            }
        case (Self.mda, "metaGroup"):
            if let appliesTo = element["appliesTo"], !["source", "target", "ignorable"].contains(appliesTo) {
                report(element, "appliesTo must be source, target or ignorable")
            }
        case (Self.res, "resourceData"):
            uniqueIDs(element.childElements, in: element)
        case (Self.res, "resourceItem"):
            if let context = element["context"], !Self.yesNo.contains(context) {
                report(element, "context must be yes or no")
            }
        case (Self.res, "source"), (Self.res, "target"):
            let hasContent = !element.childElements.isEmpty || !element.textContent.allSatisfy(\.isWhitespace)
            if (element["href"] != nil) == hasContent {
                report(element, "<res:\(element.name)> needs either href or content, not both")
            }
            if element.name == "source", let lang = element.xmlAttribute("lang"), let srcLang,
                lang.lowercased() != srcLang.lowercased()
            {
                report(element, "<res:source> xml:lang '\(lang)' differs from the file's srcLang '\(srcLang)'")
            }
        case (Self.slr, "normalization"):
            for name in ["general", "storage"] {
                if let value = element[name], !Self.normalizations.contains(value) {
                    report(element, "\(name) must be none, nfc or nfd")
                }
            }
        case (Self.val, "rule"):
            checkValidationRule(element)
        case (Self.ctr, "revisions"):
            checkRevisions(element)
        case (Self.ctr, "revision"):
            var seen: Set<String> = []
            for item in element.childElements where item.name == "item" {
                if let property = item["property"], !seen.insert(property).inserted {
                    report(item, "property '\(property)' is described twice in one revision")
                }
            }
        default:
            break
        }
    }

    private mutating func uniqueIDs(_ elements: [XMLElement], in container: XMLElement) {
        var ids: Set<String> = []
        for element in elements {
            if let id = element["id"], !ids.insert(id).inserted {
                report(element, "id '\(id)' is used twice in <\(container.name)>")
            }
        }
    }

    private func enclosing(_ name: String, of element: XMLElement) -> XMLElement? {
        var current = element.parent
        while let node = current {
            if node.namespace == Self.core && node.name == name { return node }
            current = node.parent
        }
        return nil
    }

    /// A candidate's ref must be a fragment identifier to a span of text in its unit: a segment or a source marker.
    private mutating func checkSpanReference(
        _ ref: String, at element: XMLElement, unit: XMLElement?,
        fragments: (String, XMLElement, XMLElement?) -> String?
    ) {
        guard ref.hasPrefix("#") else {
            report(element, "ref '\(ref)' is not a fragment identifier (write #\(ref))")
            return
        }
        if let problem = fragments(ref, element, unit) {
            report(element, problem)
            return
        }
        guard let unit, let id = FragmentIdentifier(ref)?.parts.last, id.prefix == nil || id.prefix == "t" else {
            report(element, "ref '\(ref)' must point to a span of text in this unit")
            return
        }
        var spans: Set<String> = []
        walk(unit) { node in
            guard node.namespace == Self.core else { return }
            if ["segment", "mrk", "sm", "pc"].contains(node.name), let nodeID = node["id"] { spans.insert(nodeID) }
        }
        if !spans.contains(id.id) { report(element, "ref '\(ref)' names no segment or marker of this unit") }
    }

    private mutating func checkValidationRule(_ rule: XMLElement) {
        let kinds = ["isPresent", "isNotPresent", "startsWith", "endsWith"].filter { rule[$0] != nil }
        let custom = rule.allAttributes.contains { $0.namespace != nil && $0.namespace != XLIFF2Validator.xmlNamespace }
        if kinds.count + (custom ? 1 : 0) != 1 {
            report(
                rule,
                "a validation rule needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom attribute"
            )
        }
        if rule["existsInSource"] != nil
            && !["isPresent", "startsWith", "endsWith"].contains(where: { rule[$0] != nil })
        {
            report(rule, "existsInSource goes with isPresent, startsWith or endsWith")
        }
        if let occurs = rule["occurs"] {
            if rule["isPresent"] == nil { report(rule, "occurs goes with isPresent") }
            if !(Int(occurs).map { $0 >= 1 } ?? false) { report(rule, "occurs must be a whole number of at least 1") }
        }
        for name in ["existsInSource", "caseSensitive", "disabled"] {
            if let value = rule[name], !Self.yesNo.contains(value) {
                report(rule, "\(name) must be yes or no, not '\(value)'")
            }
        }
        if let value = rule["normalization"], !Self.normalizations.contains(value) {
            report(rule, "normalization must be none, nfc or nfd")
        }
    }

    /// A revisions' ref names an element of the enclosing file, group or unit by its id; each item's property
    /// is `content` or an attribute that element has.
    private mutating func checkRevisions(_ revisions: XMLElement) {
        guard let appliesTo = revisions["appliesTo"] else { return }
        var scope = revisions.parent
        while let node = scope, !(node.namespace == Self.core && ["unit", "group", "file"].contains(node.name)) {
            scope = node.parent
        }
        guard let scope else { return }
        var candidates: [XMLElement] = []
        func collect(_ element: XMLElement) {
            for child in element.childElements where child.namespace == Self.core {
                if child.name == appliesTo || revisions["ref"] != nil { candidates.append(child) }
                if child.name != "unit" && child.name != "group" { collect(child) }
            }
        }
        collect(scope)
        var referenced: XMLElement?
        if let ref = revisions["ref"] {
            referenced = candidates.first { $0["id"] == ref }
            if referenced == nil { report(revisions, "ref '\(ref)' names no element here") }
        } else if candidates.count == 1 {
            referenced = candidates.first
        }
        guard let referenced else { return }
        let attributes = Set(referenced.allAttributes.map(\.name))
        for revision in revisions.childElements {
            for item in revision.childElements where item.name == "item" {
                if let property = item["property"], property != "content", !attributes.contains(property) {
                    report(
                        item,
                        "property '\(property)' is neither content nor an attribute of the <\(appliesTo)> it tracks")
                }
            }
        }
    }
}
