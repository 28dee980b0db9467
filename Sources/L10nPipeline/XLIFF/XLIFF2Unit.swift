/// The XLIFF 2.x dialect (2.0 and 2.1 share a namespace; ccl10n writes 2.1): a `<unit>` directly in the
/// `<file>`, languages on `<xliff>`, the state on the first `<segment>`, paired codes as `<pc>`, standalone
/// ones as `<ph>` with their syntax in `<originalData>`, suggestions and previous versions as `<mtc:match>`.
struct XLIFF2Unit: XLIFFDialect {
    let element: XMLElement
    let namespace: String

    /// The subState on a translation whose source changed only in whitespace, punctuation or letter case: it
    /// stays usable and is marked for a light review.
    static let minorChange = "ccl10n:minor-source-change"
    static let previousVersionSubType = "ccl10n:previous-version"

    static var namespace: String { XLIFFVersion.namespace2 }
    static var unitName: String { "unit" }
    static let containers: Set<String> = [
        "xliff", "file", "group", "unit", "notes", "originalData", "segment", "ignorable", "matches", "match",
        "skeleton",
    ]
    static func reads(namespace: String) -> Bool { namespace == XLIFFVersion.namespace2 }

    init(element: XMLElement, namespace: String) {
        self.element = element
        self.namespace = namespace
    }

    static func makeFile(
        root: XMLElement, original: String, source: LocaleTag, target: LocaleTag,
        datatype: String
    ) -> (file: XMLElement, container: XMLElement) {
        root["version"] = "2.1"
        root["srcLang"] = source.tag
        root["trgLang"] = target.tag
        let file = root.append("file", attributes: [("id", "f1"), ("original", original)])
        return (file, file)
    }

    static func unitContainer(of file: XMLElement) -> XMLElement? { file }

    static func languages(root: XMLElement?, file: XMLElement) -> (source: String?, target: String?) {
        (root?["srcLang"], root?["trgLang"])
    }

    /// A new `<unit>` with one `<segment id="s1" state="initial">` holding an empty `<source>`, no target.
    static func appendUnit(id: String, to container: XMLElement, namespace: String) -> XLIFF2Unit {
        let element = container.append(unitName, attributes: [("id", id)])
        element.append("segment", attributes: [("id", "s1"), ("state", "initial")]).append("source")
        return XLIFF2Unit(element: element, namespace: namespace)
    }

    static func validate(
        _ root: XMLElement, namespace: String, path: String,
        extraPrefixes: [String: String]
    ) -> [Diagnostic] {
        var validator = XLIFF2Validator(path: path, extraPrefixes: extraPrefixes)
        validator.validate(root)
        return validator.problems
    }

    /// A `<pc>` whose `dataRefStart`/`dataRefEnd` name the code's syntax in `<originalData>`.
    static func appendStart(id: String, kind: InlineCode.Kind, to parent: XMLElement) -> XMLElement {
        let (type, subType) = XLIFFInline.type2(kind)
        let ids = XLIFFInline.dataIDs(id)
        var attributes = [("id", id), ("dataRefStart", ids.start), ("dataRefEnd", ids.end), ("type", type)]
        if let subType { attributes.append(("subType", subType)) }
        return parent.append("pc", attributes: attributes)
    }

    /// A `<ph>` whose `dataRef` names the code's syntax in `<originalData>`.
    static func appendPlaceholder(_ code: InlineCode, display: String, to parent: XMLElement) {
        let (type, subType) = XLIFFInline.type2(code.kind)
        var attributes = [("id", code.id), ("dataRef", XLIFFInline.dataIDs(code.id).start), ("disp", display)]
        if code.kind == .value { attributes.append(("equiv", display)) }
        attributes.append(("type", type))
        if let subType { attributes.append(("subType", subType)) }
        parent.append("ph", attributes: attributes)
    }

    /// The segments (and ignorables) in order.
    private var parts: [XMLElement] {
        element.childElements.filter { ($0.name == "segment" || $0.name == "ignorable") && $0.namespace == namespace }
    }

    /// The first `<segment>`, which carries the unit's state.
    private var firstSegment: XMLElement? { core("segment").first }

    var source: Segment {
        Segment(parts.flatMap { core("source", in: $0).first.map(XLIFFInline.read)?.pieces ?? [] })
    }

    var target: Segment? {
        let targets = parts.map { core("target", in: $0).first }
        guard targets.contains(where: { $0 != nil }) else { return nil }
        return Segment(
            zip(parts, targets).flatMap { part, target in
                // An ignorable without a target keeps its source text (whitespace between segments).
                (target ?? (part.name == "ignorable" ? core("source", in: part).first : nil)).map(XLIFFInline.read)?
                    .pieces ?? []
            })
    }

    var hasStateAttribute: Bool { firstSegment?["state"] != nil }

    var state: TranslationState? {
        guard let segment = firstSegment else { return nil }
        return TranslationState(xliff2: segment["state"] ?? "initial", subState: segment["subState"])
    }

    var hasMinorChangeMark: Bool { firstSegment?["subState"] == Self.minorChange }

    /// XLIFF 2 has no approval attribute.
    var isApproved: Bool? { nil }

    /// Joins the segments first, and rebuilds the `<originalData>` of the codes.
    func setSource(_ segment: Segment, codes: [InlineCode], display: (InlineCode) -> String) {
        joinSegments()
        guard let source = firstSegment.flatMap({ core("source", in: $0).first }) else { return }
        source.removeAllChildren()
        XLIFFInline.write(segment, codes: codes, dialect: Self.self, into: source, display: display)
        rebuildOriginalData(codes: codes)
    }

    func setState(_ state: TranslationState, minorChange: Bool) {
        guard let segment = firstSegment else { return }
        let (value, subState) = state.xliff2
        segment["state"] = value
        segment["subState"] = minorChange ? Self.minorChange : subState
    }

    /// XLIFF 2 has no approval attribute to keep.
    func syncApproved() {}

    /// XLIFF 2 leaves a unit without a translation without a target.
    func fillEmptyTargetWithSource() {}

    /// A target without a translation is no copy in XLIFF 2: it is left as it is.
    func clearTargetForNewSource() {}

    /// The memory's target, its state, and the mark as `subState` (`ccl10n:` + mark).
    func leverage(
        _ target: Segment, codes: [InlineCode], state: TranslationState, mark: String,
        display: (InlineCode) -> String
    ) {
        guard let segment = firstSegment else { return }
        let element = core("target", in: segment).first ?? segment.append("target")
        element.removeAllChildren()
        XLIFFInline.write(target, codes: codes, dialect: Self.self, into: element, display: display)
        segment["state"] = state.xliff2.state
        segment["subState"] = state.xliff2.subState ?? "ccl10n:" + mark
    }

    /// A `<mtc:match type="tm" similarity>`, text only.
    func suggest(source: Segment, target: Segment, codes: [InlineCode], score: Int, display: (InlineCode) -> String) {
        guard let segment = firstSegment else { return }
        if segment["id"] == nil { segment["id"] = "s1" }
        let matches = matchesElement
        let match = matches.append(
            "match", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc",
            attributes: [
                ("ref", "#" + (segment["id"] ?? "s1")), ("origin", "ccl10n-tm"), ("similarity", String(score)),
                ("type", "tm"),
            ])
        match.append("source", namespace: XLIFFVersion.namespace2, prefix: nil).appendText(source.plainText)
        match.append("target", namespace: XLIFFVersion.namespace2, prefix: nil).appendText(target.plainText)
        if let first = element.childElements.first, first.node != matches.node {
            element.insert(matches, before: first)
        }
    }

    /// The unit's `<mtc:matches>`, added when it has none.
    private var matchesElement: XMLElement {
        element.childElements.first { $0.name == "matches" && $0.namespace == XLIFFVersion.matchesNamespace }
            ?? element.append("matches", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc")
    }

    var previousVersions: [XMLElement] {
        element.childElements.filter { $0.name == "matches" && $0.namespace == XLIFFVersion.matchesNamespace }
            .flatMap { $0.childElements.filter { $0.name == "match" && $0["subType"] == Self.previousVersionSubType } }
    }

    /// A translation candidate `<mtc:match type="other" subType="ccl10n:previous-version">`.
    func recordPreviousVersion() {
        removePreviousVersions()
        joinSegments()
        guard let segment = firstSegment, let source = core("source", in: segment).first,
            let target = core("target", in: segment).first
        else { return }
        if segment["id"] == nil { segment["id"] = "s1" }
        let matches = matchesElement
        let match = matches.append(
            "match", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc",
            attributes: [
                ("ref", "#" + (segment["id"] ?? "s1")), ("origin", "ccl10n"), ("type", "other"),
                ("subType", Self.previousVersionSubType),
            ])
        if let data = core("originalData").first {
            let copy = match.append("originalData", namespace: XLIFFVersion.namespace2, prefix: nil)
            for child in data.children { copy.appendCopy(of: child) }
        }
        for content in [source, target] {
            let copy = match.append(content.name, namespace: XLIFFVersion.namespace2, prefix: nil)
            for child in content.children { copy.appendCopy(of: child) }
        }
        // Extension elements come first in a 2.1 unit.
        if let first = element.childElements.first, first.node != matches.node {
            element.insert(matches, before: first)
        }
    }

    /// A `<note category="ccl10n">` in the unit's `<notes>`, which goes when it holds nothing else.
    func setNote(_ text: String?) {
        let notesParent = core("notes").first
        let existing = notesParent.flatMap { parent in core("note", in: parent).first { $0["category"] == "ccl10n" } }
        guard let text else {
            if let existing { existing.remove() }
            if let notes = notesParent, notes.childElements.isEmpty { notes.remove() }
            return
        }
        if let existing {
            if existing.textContent != text {
                existing.removeAllChildren()
                existing.appendText(text)
            }
            return
        }
        let notes: XMLElement
        if let found = notesParent {
            notes = found
        } else {
            notes = element.makeSibling("notes")
            let before = element.childElements.first {
                ["originalData", "segment", "ignorable"].contains($0.name) && $0.namespace == namespace
            }
            if let before { element.insert(notes, before: before) } else { element.appendExisting(notes) }
        }
        let note = notes.append("note", attributes: [("category", "ccl10n")])
        note.appendText(text)
    }

    /// Merges a 2.1 unit that a tool split into several segments back into one, so ccl10n's one-unit,
    /// one-segment model holds. Targets are joined in order; the first segment's attributes are kept.
    private func joinSegments() {
        let all = parts
        guard all.count > 1, let first = firstSegment else { return }
        let source = core("source", in: first).first
        var target = core("target", in: first).first
        for part in all where part.node != first.node {
            if let partSource = core("source", in: part).first {
                for child in partSource.children { source?.appendCopy(of: child) }
            }
            let partTarget =
                core("target", in: part).first ?? (part.name == "ignorable" ? core("source", in: part).first : nil)
            if let partTarget {
                if target == nil { target = first.append("target") }
                for child in partTarget.children { target?.appendCopy(of: child) }
            }
            part.remove()
        }
    }

    /// Writes the 2.1 `<originalData>` for the source's codes, keeping any entry a target still refers to.
    private func rebuildOriginalData(codes: [InlineCode]) {
        let old = core("originalData").first
        var keep: [String: String] = [:]
        if let old {
            for data in core("data", in: old) { if let id = data["id"] { keep[id] = data.textContent } }
            old.remove()
        }
        var entries: [(String, String)] = []
        for code in codes {
            let ids = XLIFFInline.dataIDs(code.id)
            entries.append((ids.start, code.opening))
            if !code.closing.isEmpty || isPaired(code.kind) { entries.append((ids.end, code.closing)) }
        }
        var referenced: Set<String> = []
        func collect(_ element: XMLElement) {
            for attribute in ["dataRef", "dataRefStart", "dataRefEnd"] {
                if let id = element[attribute] { referenced.insert(id) }
            }
            element.childElements.forEach(collect)
        }
        parts.forEach(collect)
        let written = Set(entries.map(\.0))
        for id in referenced.sorted() where !written.contains(id) {
            if let text = keep[id] { entries.append((id, text)) }
        }
        guard !entries.isEmpty else { return }
        let data = element.makeSibling("originalData")
        for (id, text) in entries {
            data.append("data", attributes: [("id", id)]).appendText(text)
        }
        if let first = parts.first { element.insert(data, before: first) } else { element.appendExisting(data) }
    }

    private func isPaired(_ kind: InlineCode.Kind) -> Bool {
        [.emphasis, .strong, .strikethrough, .link, .image].contains(kind)
    }
}

extension TranslationState {
    /// The subState ccl10n writes in XLIFF 2.1 for a unit whose source changed.
    static let needsReviewSubState = "ccl10n:needs-review-translation"

    init?(xliff2 value: String, subState: String?) {
        switch value {
        case "initial": self = subState == Self.needsReviewSubState ? .needsReview : .new
        case "translated": self = .translated
        case "reviewed": self = .signedOff
        case "final": self = .final
        default: return nil
        }
    }

    var xliff2: (state: String, subState: String?) {
        switch self {
        case .new: ("initial", nil)
        case .needsReview: ("initial", Self.needsReviewSubState)
        case .translated: ("translated", nil)
        case .signedOff: ("reviewed", nil)
        case .final: ("final", nil)
        }
    }
}
