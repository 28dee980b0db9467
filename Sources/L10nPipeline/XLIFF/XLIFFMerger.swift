/// Brings an XLIFF file up to date with its document, keeping every translation.
///
/// Units are matched to the file's trans-units by id, then by identical source, then, for a source that
/// changed, by position between the units that did match. A changed unit keeps its id and target, drops to
/// `needs-review-translation`, and carries its previous source and target as an `<alt-trans
/// alttranstype="previous-version">`. A removed unit that has a translation moves to a `<group
/// id="ccl10n-removed" translate="no">` at the end of the body, from which an identical source takes it back.
enum XLIFFMerger {
    static let removedGroupID = "ccl10n-removed"


    private struct Existing {
        var element: XMLElement
        var id: String
        var source: Segment
        var isRemoved: Bool
        var matched = false
    }

    static func merge(_ document: SourceDocument, into file: XLIFFFile, formatter: ValueFormatter) -> MergeSummary {
        var summary = MergeSummary()
        var existing = file.transUnits.map { element in
            Existing(element: element, id: element["id"] ?? "", source: element.child("source").map(XLIFFInline.read) ?? Segment(),
                     isRemoved: element.parent?["id"] == removedGroupID && element.parent?.name == "group")
        }
        let units = document.units.filter(\.isTranslatable)
        var match = [Int?](repeating: nil, count: units.count)

        // By id, then by identical source (a moved or restored unit).
        for (index, unit) in units.enumerated() {
            if let old = existing.firstIndex(where: { !$0.matched && !$0.isRemoved && $0.id == unit.id }) {
                match[index] = old
                existing[old].matched = true
            }
        }
        for (index, unit) in units.enumerated() where match[index] == nil {
            if let old = existing.firstIndex(where: { !$0.matched && $0.source == unit.source }) {
                match[index] = old
                existing[old].matched = true
            }
        }
        // A changed source: the first unmatched unit of the same kind between the matched neighbours.
        for (index, unit) in units.enumerated() where match[index] == nil {
            let lower = match[..<index].compactMap { $0 }.last ?? -1
            let upper = match[(index + 1)...].compactMap { $0 }.first ?? existing.count
            guard lower < upper else { continue }
            if let old = (lower + 1..<upper).first(where: {
                !existing[$0].matched && !existing[$0].isRemoved && idKind(existing[$0].id) == idKind(unit.id)
            }) {
                match[index] = old
                existing[old].matched = true
            }
        }

        var ordered: [XMLElement] = []
        for (index, unit) in units.enumerated() {
            let element: XMLElement
            if let old = match[index] {
                element = existing[old].element
                if existing[old].source == unit.source {
                    summary.kept += 1
                } else {
                    summary.changed += 1
                    updateChangedSource(element, from: existing[old].source, to: unit, formatter: formatter)
                }
                if existing[old].isRemoved { element["translate"] = nil }
            } else {
                summary.added += 1
                element = newTransUnit(unit, in: file, formatter: formatter)
            }
            setContextNote(element, unit: unit, formatter: formatter)
            ordered.append(element)
        }
        for element in ordered { file.body.appendExisting(element) }

        var removedGroup = file.body.childElements.first { $0.name == "group" && $0["id"] == removedGroupID }
        for old in existing where !old.matched && !old.isRemoved {
            let target = old.element.child("target").map(XLIFFInline.read)
            if let target, target.hasText {
                let group = removedGroup ?? file.body.append("group", attributes: [("id", removedGroupID), ("translate", "no")])
                removedGroup = group
                group.appendExisting(old.element)
            } else {
                XMLNode.element(old.element).remove()
            }
            summary.removed += 1
        }
        if let group = removedGroup {
            if group.childElements.isEmpty {
                XMLNode.element(group).remove()
            } else {
                file.body.appendExisting(group)
            }
        }
        return summary
    }

    /// `h`, `p` or `fm`: units only pair with units of their own kind.
    private static func idKind(_ id: String) -> Substring {
        id.prefix { $0 != "-" && $0 != "." }
    }

    private static func newTransUnit(_ unit: TranslationUnit, in file: XLIFFFile, formatter: ValueFormatter) -> XMLElement {
        let element = file.body.append("trans-unit", attributes: [("id", unit.id)])
        let source = element.append("source")
        XLIFFInline.write(unit.source, codes: unit.codes, into: source) { display($0, formatter) }
        element.append("target", attributes: [("state", "new")])
        return element
    }

    private static func updateChangedSource(_ element: XMLElement, from old: Segment, to unit: TranslationUnit, formatter: ValueFormatter) {
        guard let source = element.child("source") else { return }
        let target = element.child("target")
        let oldTarget = target.map(XLIFFInline.read)
        if let target, let oldTarget, oldTarget.hasText {
            let alreadyPending = target["state"] == "needs-review-translation"
                && element.childElements.contains { $0.name == "alt-trans" && $0["alttranstype"] == "previous-version" }
            if !alreadyPending {
                for alt in element.childElements where alt.name == "alt-trans" && alt["alttranstype"] == "previous-version" && alt["tool-id"] == "ccl10n" {
                    XMLNode.element(alt).remove()
                }
                let alt = element.append("alt-trans", attributes: [("alttranstype", "previous-version"), ("tool-id", "ccl10n")])
                for (name, content) in [("source", source), ("target", target)] {
                    let copy = alt.append(name)
                    for child in content.children { copy.appendCopy(of: child) }
                }
            }
            target["state"] = "needs-review-translation"
        }
        source.removeAllChildren()
        XLIFFInline.write(unit.source, codes: unit.codes, into: source) { display($0, formatter) }
    }

    /// Keeps one `<note from="ccl10n">` with the unit's context and what each value is, after the target.
    private static func setContextNote(_ element: XMLElement, unit: TranslationUnit, formatter: ValueFormatter) {
        var lines: [String] = []
        if !unit.context.isEmpty { lines.append(unit.context) }
        for code in unit.codes where code.kind == .value {
            lines.append("{\(code.id)} is the value \(code.opening), shown here as “\(display(code, formatter))”: move it, do not retype it.")
        }
        let existingNote = element.childElements.first { $0.name == "note" && $0["from"] == "ccl10n" }
        guard !lines.isEmpty else {
            if let existingNote { XMLNode.element(existingNote).remove() }
            return
        }
        let text = lines.joined(separator: "\n")
        if let existingNote {
            if existingNote.textContent != text {
                existingNote.removeAllChildren()
                existingNote.appendText(text)
            }
            return
        }
        let note = element.makeSibling("note")
        note["from"] = "ccl10n"
        note.appendText(text)
        let anchor = element.child("target") ?? element.child("source")
        if let next = anchor?.nextElementSibling {
            element.insert(note, before: next)
        } else {
            element.appendExisting(note)
        }
    }

    /// What a translator sees for a placeholder: a value rendered in the source locale, or the markup itself.
    static func display(_ code: InlineCode, _ formatter: ValueFormatter) -> String {
        if let value = code.value, let shown = try? formatter.format(value) { return shown }
        return code.opening
    }
}

/// What merging documents into their XLIFF files did, in units.
public struct MergeSummary: Sendable, Equatable {
    public var added = 0
    public var changed = 0
    public var removed = 0
    public var kept = 0

    static func += (lhs: inout MergeSummary, rhs: MergeSummary) {
        lhs.added += rhs.added
        lhs.changed += rhs.changed
        lhs.removed += rhs.removed
        lhs.kept += rhs.kept
    }
}
