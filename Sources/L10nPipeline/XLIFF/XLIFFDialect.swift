/// A unit of an ``XLIFFFile`` in either dialect (`<trans-unit>` in 1.2, `<unit>` in 2.1), read and edited in
/// place.
typealias XLIFFUnit = any XLIFFDialect

/// One XLIFF dialect, seen through one of its units: ``XLIFF12Unit`` (XLIFF 1.x) or ``XLIFF2Unit`` (2.x).
///
/// Each dialect implements reading, writing and merging a unit, and knows how its files hold units, name
/// their languages and write inline codes. An XLIFF version is one conforming type, one case of
/// ``XLIFFVersion`` naming it, and its validator.
protocol XLIFFDialect {
    /// The namespace of a new file's XLIFF elements.
    static var namespace: String { get }
    /// Whether a file whose XLIFF elements are in `namespace` is in this dialect.
    static func reads(namespace: String) -> Bool
    /// The name of a unit element.
    static var unitName: String { get }
    /// The elements that hold only other elements; their whitespace is regenerated on output.
    static var containers: Set<String> { get }

    /// Gives a new file's `<xliff>` its attributes and its `<file>`; returns the `<file>` and where units go.
    static func makeFile(
        root: XMLElement, original: String, source: LocaleTag, target: LocaleTag,
        datatype: String
    ) -> (file: XMLElement, container: XMLElement)
    /// Where a parsed `<file>` holds its units, or nil when it has no such place.
    static func unitContainer(of file: XMLElement) -> XMLElement?
    /// The source and target languages a file declares.
    static func languages(root: XMLElement?, file: XMLElement) -> (source: String?, target: String?)
    /// Appends a new unit, with an empty source, at the end of `container`.
    static func appendUnit(id: String, to container: XMLElement, namespace: String) -> Self
    /// The structural problems of a file in this dialect (its root in `namespace`).
    static func validate(
        _ root: XMLElement, namespace: String, path: String,
        extraPrefixes: [String: String]
    ) -> [Diagnostic]

    /// Appends the element opening a paired code inside `<source>`/`<target>`; its content goes into it.
    static func appendStart(id: String, kind: InlineCode.Kind, to parent: XMLElement) -> XMLElement
    /// Appends a standalone code, which a translator sees as `display`.
    static func appendPlaceholder(_ code: InlineCode, display: String, to parent: XMLElement)

    init(element: XMLElement, namespace: String)
    var element: XMLElement { get }
    /// The namespace of the file's XLIFF elements.
    var namespace: String { get }

    var source: Segment { get }
    /// The translation, or nil when there is no `<target>` at all.
    var target: Segment? { get }
    var hasStateAttribute: Bool { get }
    var state: TranslationState? { get }
    /// Whether the unit is marked as having had only a minor source change.
    var hasMinorChangeMark: Bool { get }
    /// XLIFF 1.2's `approved`: false when a tool marked the translation unapproved (`approved="no"`).
    var isApproved: Bool? { get }
    /// The previous versions ccl10n recorded (see ``recordPreviousVersion()``).
    var previousVersions: [XMLElement] { get }

    /// Replaces the source (and whatever the dialect derives from it), keeping the target.
    func setSource(_ segment: Segment, codes: [InlineCode], display: (InlineCode) -> String)
    /// Sets the state; `minorChange` marks a translation kept through a whitespace, punctuation or case edit.
    func setState(_ state: TranslationState, minorChange: Bool)
    /// Keeps the dialect's approval attribute, if it has one, in step with the state.
    func syncApproved()
    /// Writes a copy of the source into an empty target, in dialects whose tools translate such copies.
    func fillEmptyTargetWithSource()
    /// Empties a target that holds no translation before the source changes, so that a copy of the old
    /// source (see ``fillEmptyTargetWithSource()``) gives way to a copy of the new one.
    func clearTargetForNewSource()
    /// Gives a new unit a translation from the memory: the target, its state, and a mark saying where it came
    /// from.
    func leverage(
        _ target: Segment, codes: [InlineCode], state: TranslationState, mark: String,
        display: (InlineCode) -> String)
    /// Offers a memory match with its score as a suggestion.
    func suggest(source: Segment, target: Segment, codes: [InlineCode], score: Int, display: (InlineCode) -> String)
    /// Records the current source and target as the previous version, where CAT tools show it beside the
    /// segment, with a diff.
    func recordPreviousVersion()
    /// Keeps one ccl10n note with the unit's context; nil removes it. Other notes are never touched.
    func setNote(_ text: String?)
}

extension XLIFFDialect {
    var id: String? { element["id"] }

    var isInRemovedGroup: Bool {
        guard let parent = element.parent else { return false }
        return parent.name == "group" && parent["id"] == XLIFFFile.removedGroupID
    }

    /// The unit's (or `parent`'s) child elements named `name` in the file's XLIFF namespace.
    func core(_ name: String, in parent: XMLElement? = nil) -> [XMLElement] {
        (parent ?? element).children(named: name, namespace: namespace)
    }

    func setState(_ state: TranslationState) { setState(state, minorChange: false) }

    /// Whether the target is still the copy of the source that ccl10n wrote into a new unit (state new).
    func isUntouchedCopy(of source: Segment) -> Bool {
        hasStateAttribute && state == .new && target?.withoutLayoutWhitespace(like: source) == source
    }

    /// Whether a tool filled the target without confirming it: state new, a target other than the source
    /// (read as ``StoredUnit/isFilledNew`` reads it).
    var isFilledNew: Bool {
        guard hasStateAttribute, state == .new, let target, target.hasText else { return false }
        let source = source
        return target.withoutLayoutWhitespace(like: source) != source
    }

    /// The source the target was made from, when ccl10n recorded one (the unit's source changed since).
    var previousSource: Segment? {
        guard let previous = previousVersions.first else { return nil }
        let source = previous.childElements.first { $0.name == "source" }
        return source.map(XLIFFInline.read)
    }

    /// Whether a previous version recorded by ccl10n is still waiting for review.
    var hasPreviousVersion: Bool { !previousVersions.isEmpty }

    /// Removes the previous versions recorded before, and a 2.x `<matches>` they leave empty.
    func removePreviousVersions() {
        for old in previousVersions {
            let parent = old.parent
            old.remove()
            if let parent, parent.name == "matches", parent.childElements.isEmpty { parent.remove() }
        }
    }
}
