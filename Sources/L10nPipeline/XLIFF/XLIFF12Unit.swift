/// The XLIFF 1.2 dialect (also read for 1.0 and 1.1 files): a `<trans-unit>` in the `<body>` of a `<file>`
/// that names its languages, its state and marks on the `<target>`, paired codes as `<g>`, standalone ones as
/// `<x>`, suggestions and previous versions as `<alt-trans>`.
struct XLIFF12Unit: XLIFFDialect {
    let element: XMLElement
    let namespace: String

    /// The `state-qualifier` on a translation whose source changed only in whitespace, punctuation or letter
    /// case: it stays usable and is marked for a light review.
    static let minorChange = "x-minor-source-change"

    static var namespace: String { XLIFFVersion.namespace12 }
    static var unitName: String { "trans-unit" }
    static let containers: Set<String> = [
        "xliff", "file", "header", "body", "group", "trans-unit", "alt-trans", "context-group", "phase-group",
        "count-group", "prop-group", "tool", "glossary", "reference",
    ]
    static func reads(namespace: String) -> Bool { XLIFFVersion.namespaces1x.contains(namespace) }

    init(element: XMLElement, namespace: String) {
        self.element = element
        self.namespace = namespace
    }

    static func makeFile(
        root: XMLElement, original: String, source: LocaleTag, target: LocaleTag,
        datatype: String
    ) -> (file: XMLElement, container: XMLElement) {
        root["version"] = "1.2"
        let file = root.append(
            "file",
            attributes: [
                ("original", original), ("source-language", source.tag), ("target-language", target.tag),
                ("datatype", datatype),
            ])
        file.append("header").append("tool", attributes: [("tool-id", "ccl10n"), ("tool-name", "ccl10n")])
        return (file, file.append("body"))
    }

    static func unitContainer(of file: XMLElement) -> XMLElement? { file.child("body") }

    static func languages(root: XMLElement?, file: XMLElement) -> (source: String?, target: String?) {
        (file["source-language"], file["target-language"])
    }

    /// A new `<trans-unit>` with an empty `<source>`; ``fillEmptyTargetWithSource()`` gives it its target.
    static func appendUnit(id: String, to container: XMLElement, namespace: String) -> XLIFF12Unit {
        let element = container.append(unitName, attributes: [("id", id)])
        element.append("source")
        return XLIFF12Unit(element: element, namespace: namespace)
    }

    static func validate(
        _ root: XMLElement, namespace: String, path: String,
        extraPrefixes: [String: String]
    ) -> [Diagnostic] {
        XLIFF12Validator.check(root, namespace: namespace, path: path)
    }

    static func appendStart(id: String, kind: InlineCode.Kind, to parent: XMLElement) -> XMLElement {
        parent.append("g", attributes: [("id", id), ("ctype", XLIFFInline.ctype(kind))])
    }

    static func appendPlaceholder(_ code: InlineCode, display: String, to parent: XMLElement) {
        let attributes = [("id", code.id), ("ctype", XLIFFInline.ctype(code.kind)), ("equiv-text", display)]
        parent.append("x", attributes: attributes)
    }

    var source: Segment { core("source").first.map(XLIFFInline.read) ?? Segment() }

    var target: Segment? { core("target").first.map(XLIFFInline.read) }

    var hasStateAttribute: Bool { core("target").first?["state"] != nil }

    var state: TranslationState? { core("target").first?["state"].flatMap { TranslationState(xliff12: $0) } }

    var hasMinorChangeMark: Bool { core("target").first?["state-qualifier"] == Self.minorChange }

    var isApproved: Bool? {
        guard let value = element["approved"] else { return nil }
        return value == "yes"
    }

    func setSource(_ segment: Segment, codes: [InlineCode], display: (InlineCode) -> String) {
        guard let source = core("source").first else { return }
        source.removeAllChildren()
        XLIFFInline.write(segment, codes: codes, dialect: Self.self, into: source, display: display)
        refreshSegmentedSource(from: source)
    }

    /// Okapi's `<seg-source>` (the source split into `<mrk mtype="seg">`) would still hold the old text: it
    /// becomes the new source in one segment, keeping the first segment's `mid`, which the target's `<mrk>`
    /// refers to.
    private func refreshSegmentedSource(from source: XMLElement) {
        guard let segmented = core("seg-source").first else { return }
        let mid = segmented.childElements.first { $0.name == "mrk" }?["mid"] ?? "0"
        segmented.removeAllChildren()
        let mark = segmented.append("mrk", attributes: [("mtype", "seg"), ("mid", mid)])
        for child in source.children { mark.appendCopy(of: child) }
    }

    func setState(_ state: TranslationState, minorChange: Bool) {
        guard let target = core("target").first else { return }
        target["state"] = state.xliff12
        if minorChange {
            target["state-qualifier"] = Self.minorChange
        } else if target["state-qualifier"] == Self.minorChange {
            target["state-qualifier"] = nil
        }
    }

    /// Keeps `approved` in step with the state, as tools that count by it (Translate Toolkit, Weblate)
    /// expect: a usable translation without the attribute gets `approved="yes"`; one that ccl10n moved back to
    /// review loses its approval (`approved="no"`). An explicit `approved="no"` from a tool on a translated
    /// unit is left alone, and build does not publish that unit.
    func syncApproved() {
        // A target without a state is a translation (tools that write no state mean it so), as build reads it.
        let stateAllows = hasStateAttribute ? state.map { $0 >= .translated } ?? false : true
        let usable = stateAllows && (target?.hasText ?? false)
        switch element["approved"] {
        case nil where usable: element["approved"] = "yes"
        case "yes" where !usable: element["approved"] = "no"
        default: break
        }
    }

    /// Writes a copy of the source into a target that has no content (creating the target, in state new,
    /// when there is none), so that tools which translate the content of `<target>` (OmegaT, Okapi's files
    /// prepared for it) see the segment. A copy in state new is never published.
    func fillEmptyTargetWithSource() {
        guard let source = core("source").first else { return }
        let existing = core("target").first
        // Cheap tests first: this runs for every unit of every file merged.
        if let existing, existing["state"].map({ $0 != "new" }) ?? false || !existing.children.isEmpty { return }
        let element: XMLElement
        if let existing {
            element = existing
            element.removeAllChildren()
        } else {
            element = source.makeSibling("target")
            let after = core("seg-source").first ?? source
            if let next = after.nextElementSibling {
                self.element.insert(element, before: next)
            } else {
                self.element.appendExisting(element)
            }
        }
        element["state"] = "new"
        for child in source.children { element.appendCopy(of: child) }
    }

    func clearTargetForNewSource() {
        core("target").first?.removeAllChildren()
    }

    /// The memory's target, its state, and the mark as `state-qualifier`.
    func leverage(
        _ target: Segment, codes: [InlineCode], state: TranslationState, mark: String,
        display: (InlineCode) -> String
    ) {
        guard let element = core("target").first else { return }
        element.removeAllChildren()
        XLIFFInline.write(target, codes: codes, dialect: Self.self, into: element, display: display)
        element["state"] = state.xliff12
        element["state-qualifier"] = mark
    }

    /// An `<alt-trans match-quality origin="ccl10n-tm">`.
    func suggest(source: Segment, target: Segment, codes: [InlineCode], score: Int, display: (InlineCode) -> String) {
        let alt = element.append("alt-trans", attributes: [("match-quality", String(score)), ("origin", "ccl10n-tm")])
        XLIFFInline.write(source, codes: codes, dialect: Self.self, into: alt.append("source"), display: display)
        XLIFFInline.write(target, codes: codes, dialect: Self.self, into: alt.append("target"), display: display)
    }

    var previousVersions: [XMLElement] {
        core("alt-trans").filter { $0["alttranstype"] == "previous-version" && $0["tool-id"] == "ccl10n" }
    }

    /// An `<alt-trans alttranstype="previous-version" tool-id="ccl10n">`.
    func recordPreviousVersion() {
        removePreviousVersions()
        guard let source = core("source").first, let target = core("target").first else { return }
        let alt = element.makeSibling("alt-trans")
        alt["alttranstype"] = "previous-version"
        alt["tool-id"] = "ccl10n"
        for content in [source, target] {
            let copy = alt.append(content.name)
            for child in content.children { copy.appendCopy(of: child) }
        }
        // alt-trans goes after source, target and notes, before anything else a tool put there.
        element.appendExisting(alt)
    }

    /// A `<note from="ccl10n">` after the target (or source).
    func setNote(_ text: String?) {
        let existing = core("note").first { $0["from"] == "ccl10n" }
        guard let text else {
            if let existing { existing.remove() }
            return
        }
        if let existing {
            if existing.textContent != text {
                existing.removeAllChildren()
                existing.appendText(text)
            }
            return
        }
        let note = element.makeSibling("note")
        note["from"] = "ccl10n"
        note.appendText(text)
        let anchor = core("target").first ?? core("source").first
        if let next = anchor?.nextElementSibling {
            element.insert(note, before: next)
        } else {
            element.appendExisting(note)
        }
    }
}

extension TranslationState {
    init?(xliff12 value: String) {
        switch value {
        case "new", "needs-translation", "needs-l10n", "needs-adaptation": self = .new
        case "needs-review-translation", "needs-review-l10n", "needs-review-adaptation": self = .needsReview
        case "translated": self = .translated
        case "signed-off": self = .signedOff
        case "final": self = .final
        default: return nil
        }
    }

    var xliff12: String { rawValue }
}
