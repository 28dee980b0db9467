/// The shape of XLIFF 2.0/2.1 core elements: allowed attributes and children, as the specification and its
/// schema define them. ``XLIFF2Validator`` checks every element against these rules.
enum XLIFF2Rules {
    /// A run of children in a content model: some core element names (or extension elements) and how many.
    struct Particle {
        var names: Set<String>
        /// Elements in a namespace other than XLIFF core's (extensions and modules).
        var extensions = false
        var min: Int
        var max: Int
    }

    /// Where attributes from other namespaces may appear.
    enum ForeignAttributes {
        case any
        case modulesOnly
        case none
    }

    /// The rules of one element.
    struct Element {
        var attributes: Set<String>
        var required: Set<String> = []
        var foreignAttributes: ForeignAttributes = .none
        /// nil: content is not element-structured (inline content, text, or anything for skeleton).
        var children: [Particle]?
        var allowsText = false
    }

    static let inlineNames: Set<String> = ["cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"]
    static let inlineCodes: Set<String> = ["ph", "pc", "sc", "ec"]
    static let many = Int.max

    static let elements: [String: Element] = [
        "xliff": Element(
            attributes: ["version", "srcLang", "trgLang"], required: ["version", "srcLang"],
            foreignAttributes: .any, children: [Particle(names: ["file"], min: 1, max: many)]),
        "file": Element(
            attributes: ["id", "canResegment", "original", "translate", "srcDir", "trgDir"], required: ["id"],
            foreignAttributes: .any,
            children: [
                Particle(names: ["skeleton"], min: 0, max: 1), Particle(names: [], extensions: true, min: 0, max: many),
                Particle(names: ["notes"], min: 0, max: 1), Particle(names: ["unit", "group"], min: 1, max: many),
            ]),
        "skeleton": Element(attributes: ["href"], foreignAttributes: .none, children: nil, allowsText: true),
        "group": Element(
            attributes: ["id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"], required: ["id"],
            foreignAttributes: .any,
            children: [
                Particle(names: [], extensions: true, min: 0, max: many), Particle(names: ["notes"], min: 0, max: 1),
                Particle(names: ["unit", "group"], min: 0, max: many),
            ]),
        "unit": Element(
            attributes: ["id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"], required: ["id"],
            foreignAttributes: .any,
            children: [
                Particle(names: [], extensions: true, min: 0, max: many), Particle(names: ["notes"], min: 0, max: 1),
                Particle(names: ["originalData"], min: 0, max: 1),
                Particle(names: ["segment", "ignorable"], min: 1, max: many),
            ]),
        "notes": Element(attributes: [], children: [Particle(names: ["note"], min: 1, max: many)]),
        "note": Element(
            attributes: ["id", "appliesTo", "category", "priority"], foreignAttributes: .any, children: [],
            allowsText: true),
        "originalData": Element(attributes: [], children: [Particle(names: ["data"], min: 1, max: many)]),
        "data": Element(
            attributes: ["id", "dir"], required: ["id"], children: [Particle(names: ["cp"], min: 0, max: many)],
            allowsText: true),
        "segment": Element(
            attributes: ["id", "canResegment", "state", "subState"],
            children: [Particle(names: ["source"], min: 1, max: 1), Particle(names: ["target"], min: 0, max: 1)]),
        "ignorable": Element(
            attributes: ["id"],
            children: [Particle(names: ["source"], min: 1, max: 1), Particle(names: ["target"], min: 0, max: 1)]),
        "source": Element(attributes: [], children: nil, allowsText: true),
        "target": Element(attributes: ["order"], children: nil, allowsText: true),
        "cp": Element(attributes: ["hex"], required: ["hex"], children: []),
        "ph": Element(
            attributes: [
                "id", "canCopy", "canDelete", "canReorder", "copyOf", "disp", "equiv", "dataRef", "subFlows",
                "subType", "type",
            ], required: ["id"], foreignAttributes: .modulesOnly, children: []),
        "pc": Element(
            attributes: [
                "id", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dispStart", "dispEnd",
                "equivStart", "equivEnd", "dataRefStart", "dataRefEnd", "subFlowsStart", "subFlowsEnd",
                "subType", "type", "dir",
            ], required: ["id"], foreignAttributes: .modulesOnly, children: nil, allowsText: true),
        "sc": Element(
            attributes: [
                "id", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir", "disp",
                "equiv", "isolated", "subFlows", "subType", "type",
            ], required: ["id"],
            foreignAttributes: .modulesOnly, children: []),
        "ec": Element(
            attributes: [
                "id", "canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir", "disp",
                "equiv", "isolated", "startRef", "subFlows", "subType", "type",
            ],
            foreignAttributes: .modulesOnly, children: []),
        "mrk": Element(
            attributes: ["id", "translate", "type", "ref", "value"], required: ["id"], foreignAttributes: .any,
            children: nil, allowsText: true),
        "sm": Element(
            attributes: ["id", "translate", "type", "ref", "value"], required: ["id"], foreignAttributes: .any,
            children: []),
        "em": Element(attributes: ["startRef"], required: ["startRef"], children: []),
    ]

    /// Values allowed for enumerated attributes (per attribute name; `type` depends on the element).
    static let enumerations: [String: Set<String>] = [
        "canResegment": ["yes", "no"], "translate": ["yes", "no"], "canCopy": ["yes", "no"],
        "canDelete": ["yes", "no"],
        "canOverlap": ["yes", "no"], "isolated": ["yes", "no"], "canReorder": ["yes", "no", "firstNo"],
        "srcDir": ["ltr", "rtl", "auto"], "trgDir": ["ltr", "rtl", "auto"], "dir": ["ltr", "rtl", "auto"],
        "state": ["initial", "translated", "reviewed", "final"], "appliesTo": ["source", "target"],
    ]

    static let codeTypes: Set<String> = ["fmt", "ui", "quote", "link", "image", "other"]

    /// The subTypes XLIFF itself defines (prefix `xlf`) and the code type each needs.
    static let xlfSubTypes: [String: String] = [
        "xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:b": "fmt", "xlf:i": "fmt", "xlf:u": "fmt", "xlf:var": "ui",
    ]

    /// The namespaces of the XLIFF 2 modules, with the prefix each registers for fragment identifiers.
    static let modules: [String: String] = [
        "urn:oasis:names:tc:xliff:matches:2.0": "mtc",
        "urn:oasis:names:tc:xliff:glossary:2.0": "gls",
        "urn:oasis:names:tc:xliff:fs:2.0": "fs",
        "urn:oasis:names:tc:xliff:metadata:2.0": "mda",
        "urn:oasis:names:tc:xliff:resourcedata:2.0": "res",
        "urn:oasis:names:tc:xliff:sizerestriction:2.0": "slr",
        "urn:oasis:names:tc:xliff:validation:2.0": "val",
        "urn:oasis:names:tc:xliff:changetracking:2.0": "ctr",
        "http://www.w3.org/2005/11/its": "its",
        "urn:oasis:names:tc:xliff:itsm:2.1": "itsm",
    ]

    /// Matches an element's children against a content model, in order; the first problem, with the element
    /// to report it at, or nil. Children in `namespace` match by name; others match an `extensions` particle.
    static func contentProblem(_ element: XMLElement, _ particles: [Particle], namespace: String) -> (
        XMLElement, String
    )? {
        let children = element.childElements
        var index = 0
        for particle in particles {
            var count = 0
            while index < children.count, count < particle.max {
                let child = children[index]
                guard child.namespace == namespace ? particle.names.contains(child.name) : particle.extensions else {
                    break
                }
                count += 1
                index += 1
            }
            if count < particle.min {
                let wanted = particle.names.sorted().map { "<\($0)>" }.joined(separator: " or ")
                return (
                    element,
                    "<\(element.name)> needs \(particle.min == 1 ? "a" : "at least \(particle.min)") \(wanted) here"
                )
            }
        }
        if index < children.count {
            return (children[index], "<\(children[index].name)> cannot stand here in <\(element.name)>")
        }
        return nil
    }

    /// Whether a string is an XML NMTOKEN (the type of every XLIFF 2 id).
    static func isNMTOKEN(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                let properties = scalar.properties
                return properties.isAlphabetic || properties.numericType != nil
                    || ".-_:\u{B7}".unicodeScalars.contains(scalar)
                    || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
                    || properties.generalCategory == .decimalNumber
            }
    }

    /// Whether a string is a well-formed BCP 47 language tag (syntax only).
    static func isLanguageTag(_ text: String) -> Bool {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, !first.isEmpty, first.count <= 8,
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else {
            return false
        }
        if first.count == 1 && first.lowercased() != "x" && first.lowercased() != "i" { return false }
        return subtags.dropFirst().allSatisfy {
            !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Whether a string is `prefix:value`, the form of user-defined values (type, subType, subState).
    static func isUserDefined(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let prefix = text[..<colon]
        let value = text[text.index(after: colon)...]
        return !prefix.isEmpty && !value.isEmpty && isNMTOKEN(String(prefix)) && !prefix.contains(":")
    }
}
