/// Brings an XLIFF file up to date with its document, keeping every translation.
///
/// Units are matched to the file's units by id, then by identical source, then, for a source that changed,
/// by position between the units that did match, when the two texts are still alike (a rewritten
/// paragraph is a new unit, and the old one's translation is kept as removed). A changed unit keeps its id and target and records its
/// previous source and target (see ``XLIFFUnit/recordPreviousVersion()``): a change of meaning moves it to
/// needs-review-translation, while a change of whitespace, punctuation or letter case only keeps it usable
/// with a minor-change mark. A removed unit that has a translation moves to a `<group id="ccl10n-removed"
/// translate="no">` at the end, from which an identical source takes it back.
enum XLIFFMerger {
    private struct Existing {
        var unit: XLIFFUnit
        var id: String
        var source: Segment
        var isRemoved: Bool
        var matched = false
    }

    /// Merges `document` into `file`, whose target locale is `target` (it decides the plural forms offered).
    /// With `memory`, a new unit gets an exact match as its translation (from the same document: in context,
    /// `translated`; from another: `needs-review-translation`) and fuzzy matches (≥ 75 %) as suggestions.
    /// With `acceptFilled`, a target a tool filled in state new (``XLIFFUnit/isFilledNew``) becomes translated.
    static func merge(
        _ document: SourceDocument, into file: XLIFFFile, formatter: ValueFormatter, target: LocaleTag,
        memory: (any MemoryLookup)? = nil, documentPath: String? = nil,
        acceptFilled: Bool = false
    ) -> MergeSummary {
        var summary = MergeSummary()
        var existing = file.units.map { unit in
            Existing(unit: unit, id: unit.id ?? "", source: unit.source, isRemoved: unit.isInRemovedGroup)
        }
        let units = units(of: document, target: target)
        var match = [Int?](repeating: nil, count: units.count)
        func claim(_ index: Int, _ old: Int) {
            match[index] = old
            existing[old].matched = true
        }

        // By id, then by identical source (a moved or restored unit).
        var byID: [String: Int] = [:]
        for (index, old) in existing.enumerated() where !old.isRemoved && byID[old.id] == nil { byID[old.id] = index }
        for (index, unit) in units.enumerated() {
            if let old = byID[unit.id], !existing[old].matched { claim(index, old) }
        }
        var bySource: [Segment: ArraySlice<Int>] = [:]
        for (index, old) in existing.enumerated() where !old.matched { bySource[old.source, default: []].append(index) }
        for (index, unit) in units.enumerated() where match[index] == nil {
            if let old = bySource[unit.source]?.popFirst() { claim(index, old) }
        }
        // A changed source: the first unmatched unit of the same kind between the matched neighbours, among the
        // next `pairingWindow` old units, so that a rewritten document costs time in proportion to its size.
        var following = [Int](repeating: existing.count, count: units.count + 1)
        for index in units.indices.reversed() { following[index] = match[index] ?? following[index + 1] }
        var profiles = [BigramProfile?](repeating: nil, count: existing.count)
        var preceding = -1
        for (index, unit) in units.enumerated() {
            if let old = match[index] {
                preceding = old
                continue
            }
            let upper = min(following[index + 1], preceding + 1 + pairingWindow)
            guard preceding + 1 < upper else { continue }
            // The unit's profile is made only when there is an old unit of its kind to compare it with.
            var profile: BigramProfile?
            for old in (preceding + 1)..<upper
            where !existing[old].matched && !existing[old].isRemoved && idKind(existing[old].id) == idKind(unit.id) {
                let oldProfile = profiles[old] ?? BigramProfile(existing[old].source.plainText)
                profiles[old] = oldProfile
                let made = profile ?? BigramProfile(unit.source.plainText)
                profile = made
                if oldProfile.similarity(to: made) >= minimumSimilarity {
                    claim(index, old)
                    preceding = old
                    break
                }
            }
        }

        let display = { (code: InlineCode) in Self.display(code, formatter) }
        var ordered: [XLIFFUnit] = []
        for (index, unit) in units.enumerated() {
            let xliffUnit: XLIFFUnit
            if let old = match[index] {
                xliffUnit = existing[old].unit
                if existing[old].source == unit.source {
                    summary.kept += 1
                } else {
                    summary.changed += 1
                    sourceChanged(xliffUnit, from: existing[old].source, to: unit, display: display)
                }
                if existing[old].isRemoved { xliffUnit.element["translate"] = nil }
                if acceptFilled, xliffUnit.isFilledNew {
                    xliffUnit.setState(.translated)
                    summary.accepted += 1
                }
            } else {
                summary.added += 1
                xliffUnit = file.makeUnit(id: unit.id, source: unit.source, codes: unit.codes, display: display)
                if let memory {
                    leverage(
                        memory, into: xliffUnit, unit: unit, document: documentPath ?? document.path, display: display)
                }
            }
            xliffUnit.fillEmptyTargetWithSource()
            xliffUnit.setNote(note(for: unit, display: display))
            xliffUnit.syncApproved()
            ordered.append(xliffUnit)
        }
        for unit in ordered { file.container.appendExisting(unit.element) }

        for old in existing where !old.matched && !old.isRemoved {
            if let target = old.unit.target, target.hasText, let group = file.removedGroup(create: true) {
                group.appendExisting(old.unit.element)
            } else {
                old.unit.element.remove()
            }
            summary.removed += 1
        }
        if let group = file.removedGroup(create: false) {
            if group.childElements.isEmpty { group.remove() } else { file.container.appendExisting(group) }
        }
        return summary
    }

    /// The units a document gives an XLIFF file for `target`: its translatable units, and the forms of its
    /// plural and select values in the target locale's terms.
    static func units(of document: SourceDocument, target: LocaleTag) -> [TranslationUnit] {
        let targetFormatter = ValueFormatter(locale: target)
        return document.units.flatMap { unit in
            (unit.isTranslatable ? [unit] : [])
                + VariantUnits.expand(unit, target: target) { ordinal throws(ICUError) in
                    try targetFormatter.rules(ordinal: ordinal)
                }
        }
    }

    /// How alike an edited source must be to its old text to count as the same unit changed.
    static let minimumSimilarity = 0.5
    /// How many old units after the last pair a changed unit is compared with.
    static let pairingWindow = 32

    private static func leverage(
        _ memory: any MemoryLookup, into xliffUnit: XLIFFUnit, unit: TranslationUnit, document: String,
        display: (InlineCode) -> String
    ) {
        if let exact = memory.exact(unit.source) {
            let inContext = exact.document == document
            xliffUnit.leverage(
                exact.target, codes: unit.codes, state: inContext ? .translated : .needsReview,
                mark: inContext ? "leveraged-inherited" : "leveraged-tm", display: display)
            return
        }
        for (entry, score) in memory.fuzzy(unit.source, minimum: 0.75, limit: 3) {
            // The unit's own code of the same id and kind shows as the unit shows it (a value rendered).
            let codes = entry.codes.values.map { code in
                unit.codes.first { $0.id == code.id && $0.kind == code.kind } ?? code
            }
            xliffUnit.suggest(
                source: entry.source, target: entry.target, codes: codes.sorted { $0.id < $1.id },
                score: Int((score * 100).rounded(.down)), display: display)
        }
    }

    /// `h`, `p`, `t` or `fm`: units only pair with units of their own kind.
    private static func idKind(_ id: String) -> Substring {
        // A plural or select form (`p-….v2.few`) pairs only with the same form of a changed unit.
        let parts = id.split(separator: ".")
        if parts.count >= 3, parts[parts.count - 2].hasPrefix("v") { return "form." + parts[parts.count - 1] }
        return id.prefix { $0 != "-" && $0 != "." }
    }

    private static func sourceChanged(
        _ unit: XLIFFUnit, from old: Segment, to new: TranslationUnit, display: (InlineCode) -> String
    ) {
        let target = unit.target
        // An untouched copy of the old source is no translation: it is replaced by a copy of the new one.
        guard let target, target.hasText, !unit.isUntouchedCopy(of: old) else {
            unit.clearTargetForNewSource()
            unit.setSource(new.source, codes: new.codes, display: display)
            return
        }
        let state = unit.state ?? .translated
        // The previous version that a reviewer has not seen yet is the one the target was made from: keep it.
        let pendingReview = (state == .needsReview || unit.hasMinorChangeMark) && unit.hasPreviousVersion
        if !pendingReview { unit.recordPreviousVersion() }
        unit.setSource(new.source, codes: new.codes, display: display)
        if isMinorChange(old, new.source), state >= .translated {
            unit.setState(state, minorChange: true)
        } else {
            unit.setState(.needsReview)
        }
    }

    /// Whether two sources differ only in whitespace, punctuation or letter case (codes included).
    static func isMinorChange(_ a: Segment, _ b: Segment) -> Bool {
        func skeleton(_ segment: Segment) -> [String] {
            segment.pieces.map { piece in
                switch piece {
                case .text(let text):
                    String(
                        text.unicodeScalars.filter {
                            !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuation
                        }
                        .map(Character.init)
                    ).lowercased()
                case .start(let id): "<\(id)"
                case .end(let id): ">\(id)"
                case .placeholder(let id): "#\(id)"
                }
            }.filter { !$0.isEmpty }
        }
        return skeleton(a) == skeleton(b)
    }

    /// The ccl10n note: where the unit sits, and what each of its values is.
    static func note(for unit: TranslationUnit, display: (InlineCode) -> String) -> String? {
        var lines: [String] = []
        if !unit.context.isEmpty { lines.append(unit.context) }
        for code in unit.codes where code.kind == .value {
            lines.append(
                "{\(code.id)} is the value \(code.opening), shown here as “\(display(code))”: move it, do not retype it."
            )
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// What a translator sees for a placeholder: a value rendered in the source locale, or the markup itself.
    static func display(_ code: InlineCode, _ formatter: ValueFormatter) -> String {
        if let value = code.value, let shown = try? formatter.format(value) { return shown }
        return code.opening
    }
}

/// What merging documents into their XLIFF files did, in units.
public struct MergeSummary: Sendable, Equatable, Codable {
    public var added = 0
    public var changed = 0
    public var removed = 0
    public var kept = 0
    /// Targets filled in state new that `extract --accept-filled` marked translated.
    public var accepted = 0

    enum CodingKeys: String, CodingKey { case added, changed, removed, kept }

    public init(added: Int = 0, changed: Int = 0, removed: Int = 0, kept: Int = 0) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.kept = kept
    }

    static func += (lhs: inout MergeSummary, rhs: MergeSummary) {
        lhs.added += rhs.added
        lhs.changed += rhs.changed
        lhs.removed += rhs.removed
        lhs.kept += rhs.kept
        lhs.accepted += rhs.accepted
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            true
        default: false
        }
    }
}
