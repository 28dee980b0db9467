/// One unit of an ``XLIFFFile`` (`<trans-unit>` in 1.2, `<unit>` in 2.1), read and edited in place.
struct XLIFFUnit {
    let element: XMLElement
    let version: XLIFFVersion
    /// The namespace of the file's XLIFF elements.
    let namespace: String

    /// The qualifier (1.2) or subState (2.1) on a translation whose source changed only in whitespace,
    /// punctuation or letter case: it stays usable and is marked for a light review.
    static let minorChange12 = "x-minor-source-change"
    static let minorChange2 = "ccl10n:minor-source-change"
    static let previousVersionSubType = "ccl10n:previous-version"

    var id: String? { element["id"] }

    var isInRemovedGroup: Bool {
        guard let parent = element.parent else { return false }
        return parent.name == "group" && parent["id"] == XLIFFFile.removedGroupID
    }

    private func core(_ name: String, in parent: XMLElement? = nil) -> [XMLElement] {
        (parent ?? element).children(named: name, namespace: namespace)
    }

    /// The 2.1 segments (and ignorables) in order.
    private var parts: [XMLElement] {
        element.childElements.filter { ($0.name == "segment" || $0.name == "ignorable") && $0.namespace == namespace }
    }

    /// The first `<segment>` in 2.1, which carries the unit's state.
    private var firstSegment: XMLElement? { core("segment").first }

    var source: Segment {
        switch version {
        case .v12: return core("source").first.map(XLIFFInline.read) ?? Segment()
        case .v21: return Segment(parts.flatMap { core("source", in: $0).first.map(XLIFFInline.read)?.pieces ?? [] })
        }
    }

    /// The translation, or nil when there is no `<target>` at all.
    var target: Segment? {
        switch version {
        case .v12:
            return core("target").first.map(XLIFFInline.read)
        case .v21:
            let targets = parts.map { core("target", in: $0).first }
            guard targets.contains(where: { $0 != nil }) else { return nil }
            return Segment(zip(parts, targets).flatMap { part, target in
                // An ignorable without a target keeps its source text (whitespace between segments).
                (target ?? (part.name == "ignorable" ? core("source", in: part).first : nil)).map(XLIFFInline.read)?.pieces ?? []
            })
        }
    }

    var hasStateAttribute: Bool {
        switch version {
        case .v12: core("target").first?["state"] != nil
        case .v21: firstSegment?["state"] != nil
        }
    }

    var state: TranslationState? {
        switch version {
        case .v12:
            return core("target").first?["state"].flatMap { TranslationState(xliff12: $0) }
        case .v21:
            guard let segment = firstSegment else { return nil }
            return TranslationState(xliff2: segment["state"] ?? "initial", subState: segment["subState"])
        }
    }

    /// Whether the unit is marked as having had only a minor source change.
    var hasMinorChangeMark: Bool {
        switch version {
        case .v12: core("target").first?["state-qualifier"] == Self.minorChange12
        case .v21: firstSegment?["subState"] == Self.minorChange2
        }
    }

    /// Replaces the source (and, in 2.1, the original data of its codes), keeping the target.
    func setSource(_ segment: Segment, codes: [InlineCode], display: (InlineCode) -> String) {
        switch version {
        case .v12:
            guard let source = core("source").first else { return }
            source.removeAllChildren()
            XLIFFInline.write(segment, codes: codes, version: .v12, into: source, display: display)
            refreshSegmentedSource(from: source)
        case .v21:
            joinSegments()
            guard let source = firstSegment.flatMap({ core("source", in: $0).first }) else { return }
            source.removeAllChildren()
            XLIFFInline.write(segment, codes: codes, version: .v21, into: source, display: display)
            rebuildOriginalData(codes: codes)
        }
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

    /// Sets the state; `minorChange` marks a translation kept through a whitespace, punctuation or case edit.
    func setState(_ state: TranslationState, minorChange: Bool = false) {
        switch version {
        case .v12:
            guard let target = core("target").first else { return }
            target["state"] = state.xliff12
            if minorChange {
                target["state-qualifier"] = Self.minorChange12
            } else if target["state-qualifier"] == Self.minorChange12 {
                target["state-qualifier"] = nil
            }
        case .v21:
            guard let segment = firstSegment else { return }
            let (value, subState) = state.xliff2
            segment["state"] = value
            segment["subState"] = minorChange ? Self.minorChange2 : subState
        }
    }

    /// XLIFF 1.2's `approved`: false when a tool marked the translation unapproved (`approved="no"`).
    var isApproved: Bool? {
        guard version == .v12, let value = element["approved"] else { return nil }
        return value == "yes"
    }

    /// Keeps XLIFF 1.2's `approved` in step with the state, as tools that count by it (Translate Toolkit,
    /// Weblate) expect: a usable translation without the attribute gets `approved="yes"`; one that ccl10n
    /// moved back to review loses its approval (`approved="no"`). An explicit `approved="no"` from a tool on a
    /// translated unit is left alone, and build does not publish that unit.
    func syncApproved() {
        guard version == .v12 else { return }
        // A target without a state is a translation (tools that write no state mean it so), as build reads it.
        let stateAllows = hasStateAttribute ? state.map { $0 >= .translated } ?? false : true
        let usable = stateAllows && (target?.hasText ?? false)
        switch element["approved"] {
        case nil where usable: element["approved"] = "yes"
        case "yes" where !usable: element["approved"] = "no"
        default: break
        }
    }

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

    /// Writes a copy of the source into an XLIFF 1.2 target that has no content (creating the target, in
    /// state new, when there is none), so that tools which translate the content of `<target>` (OmegaT,
    /// Okapi's files prepared for it) see the segment. A copy in state new is never published.
    func fillEmptyTargetWithSource() {
        guard version == .v12, let source = core("source").first else { return }
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

    /// Gives a new unit a translation from the memory: the target, its state, and a mark saying where it came
    /// from (1.2 `state-qualifier`, 2.1 `subState`).
    func leverage(_ target: Segment, codes: [InlineCode], state: TranslationState, mark: String, display: (InlineCode) -> String) {
        switch version {
        case .v12:
            guard let element = core("target").first else { return }
            element.removeAllChildren()
            XLIFFInline.write(target, codes: codes, version: .v12, into: element, display: display)
            element["state"] = state.xliff12
            element["state-qualifier"] = mark
        case .v21:
            guard let segment = firstSegment else { return }
            let element = core("target", in: segment).first ?? segment.append("target")
            element.removeAllChildren()
            XLIFFInline.write(target, codes: codes, version: .v21, into: element, display: display)
            segment["state"] = state.xliff2.state
            segment["subState"] = state.xliff2.subState ?? "ccl10n:" + mark
        }
    }

    /// Offers a memory match as a suggestion: `<alt-trans match-quality origin="ccl10n-tm">` in 1.2, a
    /// `<mtc:match type="tm" similarity>` (text only) in 2.1.
    func suggest(source: Segment, target: Segment, codes: [InlineCode], score: Int, display: (InlineCode) -> String) {
        switch version {
        case .v12:
            let alt = element.append("alt-trans", attributes: [("match-quality", String(score)), ("origin", "ccl10n-tm")])
            XLIFFInline.write(source, codes: codes, version: .v12, into: alt.append("source"), display: display)
            XLIFFInline.write(target, codes: codes, version: .v12, into: alt.append("target"), display: display)
        case .v21:
            guard let segment = firstSegment else { return }
            if segment["id"] == nil { segment["id"] = "s1" }
            let matches = element.childElements.first { $0.name == "matches" && $0.namespace == XLIFFVersion.matchesNamespace }
                ?? element.append("matches", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc")
            let match = matches.append("match", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc", attributes: [
                ("ref", "#" + (segment["id"] ?? "s1")), ("origin", "ccl10n-tm"), ("similarity", String(score)), ("type", "tm"),
            ])
            match.append("source", namespace: XLIFFVersion.namespace2, prefix: nil).appendText(source.plainText)
            match.append("target", namespace: XLIFFVersion.namespace2, prefix: nil).appendText(target.plainText)
            if let first = element.childElements.first, first.node != matches.node { element.insert(matches, before: first) }
        }
    }

    /// The source the target was made from, when ccl10n recorded one (the unit's source changed since).
    var previousSource: Segment? {
        guard let previous = previousVersions.first else { return nil }
        let source = previous.childElements.first { $0.name == "source" }
        return source.map(XLIFFInline.read)
    }

    /// Whether a previous version recorded by ccl10n is still waiting for review.
    var hasPreviousVersion: Bool { !previousVersions.isEmpty }

    private var previousVersions: [XMLElement] {
        switch version {
        case .v12:
            return core("alt-trans").filter { $0["alttranstype"] == "previous-version" && $0["tool-id"] == "ccl10n" }
        case .v21:
            return element.childElements.filter { $0.name == "matches" && $0.namespace == XLIFFVersion.matchesNamespace }
                .flatMap { $0.childElements.filter { $0.name == "match" && $0["subType"] == Self.previousVersionSubType } }
        }
    }

    /// Records the current source and target as the previous version: `<alt-trans
    /// alttranstype="previous-version">` in 1.2, a translation candidate `<mtc:match type="other"
    /// subType="ccl10n:previous-version">` in 2.1. Both are what CAT tools show beside the segment, with a diff.
    func recordPreviousVersion() {
        for old in previousVersions {
            let parent = old.parent
            XMLNode.element(old).remove()
            if let parent, parent.name == "matches", parent.childElements.isEmpty { XMLNode.element(parent).remove() }
        }
        switch version {
        case .v12:
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
        case .v21:
            joinSegments()
            guard let segment = firstSegment, let source = core("source", in: segment).first,
                  let target = core("target", in: segment).first else { return }
            if segment["id"] == nil { segment["id"] = "s1" }
            let matches = element.childElements.first { $0.name == "matches" && $0.namespace == XLIFFVersion.matchesNamespace }
                ?? element.append("matches", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc")
            let match = matches.append("match", namespace: XLIFFVersion.matchesNamespace, prefix: "mtc", attributes: [
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
            if let first = element.childElements.first, first.node != matches.node { element.insert(matches, before: first) }
        }
    }

    /// Keeps one ccl10n note with the unit's context (`<note from="ccl10n">` in 1.2, `<note
    /// category="ccl10n">` in 2.1); nil removes it. Other notes are never touched.
    func setNote(_ text: String?) {
        let notesParent: XMLElement?
        switch version {
        case .v12: notesParent = element
        case .v21: notesParent = core("notes").first
        }
        let marker = version == .v12 ? "from" : "category"
        let existing = notesParent.flatMap { parent in core("note", in: parent).first { $0[marker] == "ccl10n" } }
        guard let text else {
            if let existing { XMLNode.element(existing).remove() }
            if version == .v21, let notes = notesParent, notes.childElements.isEmpty { XMLNode.element(notes).remove() }
            return
        }
        if let existing {
            if existing.textContent != text {
                existing.removeAllChildren()
                existing.appendText(text)
            }
            return
        }
        switch version {
        case .v12:
            let note = element.makeSibling("note")
            note["from"] = "ccl10n"
            note.appendText(text)
            let anchor = core("target").first ?? core("source").first
            if let next = anchor?.nextElementSibling { element.insert(note, before: next) } else { element.appendExisting(note) }
        case .v21:
            let notes: XMLElement
            if let found = notesParent {
                notes = found
            } else {
                notes = element.makeSibling("notes")
                let before = element.childElements.first { ["originalData", "segment", "ignorable"].contains($0.name) && $0.namespace == namespace }
                if let before { element.insert(notes, before: before) } else { element.appendExisting(notes) }
            }
            let note = notes.append("note", attributes: [("category", "ccl10n")])
            note.appendText(text)
        }
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
            let partTarget = core("target", in: part).first ?? (part.name == "ignorable" ? core("source", in: part).first : nil)
            if let partTarget {
                if target == nil { target = first.append("target") }
                for child in partTarget.children { target?.appendCopy(of: child) }
            }
            XMLNode.element(part).remove()
        }
    }

    /// Writes the 2.1 `<originalData>` for the source's codes, keeping any entry a target still refers to.
    private func rebuildOriginalData(codes: [InlineCode]) {
        let old = core("originalData").first
        var keep: [String: String] = [:]
        if let old {
            for data in core("data", in: old) { if let id = data["id"] { keep[id] = data.textContent } }
            XMLNode.element(old).remove()
        }
        var entries: [(String, String)] = []
        for code in codes {
            let ids = XLIFFInline.dataIDs(code.id)
            entries.append((ids.start, code.opening))
            if !code.closing.isEmpty || isPaired(code.kind) { entries.append((ids.end, code.closing)) }
        }
        var referenced: Set<String> = []
        func collect(_ element: XMLElement) {
            for attribute in ["dataRef", "dataRefStart", "dataRefEnd"] { if let id = element[attribute] { referenced.insert(id) } }
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
