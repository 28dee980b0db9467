/// Which translation each unit of a document gets in one locale, under the publishing policy: the facts
/// that build, status and the manifest share.
struct TranslationSelection {
    /// One unit's standing.
    struct UnitStatus {
        var unit: TranslationUnit
        var words: Int
        var stored: StoredUnit?
        /// The state as status reports it: an XLIFF state, `missing` (no unit in the XLIFF), `stale` (the
        /// XLIFF's source is not the document's: extract has not run) or `filled-new` (``filledNew``).
        var state: String
        /// The target build uses, when the policy allows one.
        var target: Segment?
        /// Why a target exists but cannot be used (its codes do not fit the source).
        var problem: String?
    }

    var units: [UnitStatus] = []
    /// The locale's forms of plural and select values, `unit id/code id` → form → text.
    var variants: [String: [String: String]] = [:]
    /// Forms without a usable translation: the unit id, the form, and the XLIFF line (0 when absent).
    var missingForms: [(unitID: String, key: String, line: Int)] = []

    var totalWords: Int { units.reduce(0) { $0 + $1.words } }
    var usableWords: Int { units.reduce(0) { $0 + ($1.target == nil ? 0 : $1.words) } }
    /// The share of words with a usable translation (1 for a document with nothing to translate).
    var share: Double { totalWords == 0 ? 1 : Double(usableWords) / Double(totalWords) }

    /// `checks` hold back a translation with an error (``UnitChecks``): the source is used instead. Build,
    /// status and the dashboard all choose through here, so what status counts publishable is what build publishes.
    init(
        document: SourceDocument, locale: LocaleTag, stored: [String: StoredUnit], minimum: TranslationState,
        formatter: ValueFormatter,
        checks: UnitChecks
    ) {
        for unit in document.units where unit.isTranslatable {
            let words = WordCounter.count(unit.source.plainText, locale: document.locale)
            var status = UnitStatus(unit: unit, words: words, stored: nil, state: "missing")
            if let match = Self.match(unit, in: stored) {
                status.stored = match
                status.state = match.hasState ? match.state?.rawValue ?? "other" : "translated"
                if match.isApproved == false, match.state.map({ $0 >= .translated }) == true {
                    status.state = "unapproved"
                }
                if match.isFilledNew { status.state = Self.filledNew }
                if let target = match.target, match.isUsable(minimum: minimum) {
                    let errors = checks.problems(target, of: unit).filter { $0.severity == .error }
                    if let problem = Self.codeProblem(target, of: unit) ?? errors.first?.message {
                        status.problem = problem
                    } else {
                        status.target = target
                    }
                }
            } else if stored[unit.id] != nil {
                status.state = "stale"
            }
            units.append(status)
        }
        for unit in document.units {
            for form in VariantUnits.expand(
                unit, target: locale, rules: { ordinal throws(ICUError) in try formatter.rules(ordinal: ordinal) })
            {
                guard case .variant(let key) = form.kind else { continue }
                let codeID = form.id.split(separator: ".").dropLast().last.map { String($0.dropFirst()) } ?? ""
                let match = Self.match(form, in: stored)
                if let match, let target = match.target, match.isUsable(minimum: minimum),
                    Self.codeProblem(target, of: form) == nil
                {
                    variants["\(unit.id)/\(codeID)", default: [:]][key] = VariantUnits.text(
                        of: target, codes: form.codes)
                } else {
                    missingForms.append((unit.id, key, match?.line ?? 0))
                }
            }
        }
    }

    /// The state status gives a target a tool filled without confirming it (XLIFF state new, a text other than
    /// the source): never published until accepted (`ccl10n extract --accept-filled`).
    static let filledNew = "filled-new"

    /// The stored unit for a document unit: by id when its source is current, else any with the same source.
    /// A unit whose stored source differs is out of date (extract has not run) and is not used.
    static func match(_ unit: TranslationUnit, in stored: [String: StoredUnit]) -> StoredUnit? {
        if let byID = stored[unit.id], byID.source == unit.source { return byID }
        return stored.values.filter { $0.source == unit.source }.min { $0.id < $1.id }
    }

    /// Why a target's codes cannot be put back, or nil when they can: every code must be one of the source's,
    /// used once, with pairs kept as pairs and properly nested.
    static func codeProblem(_ target: Segment, of unit: TranslationUnit) -> String? {
        var open: [String] = []
        var used: Set<String> = []
        let pairs = Set(unit.source.pieces.compactMap { if case .start(let id) = $0 { id } else { nil } })
        for piece in target.pieces {
            switch piece {
            case .text: continue
            case .start(let id), .placeholder(let id):
                guard unit.code(id) != nil else { return "the target has a code '\(id)' that the source does not" }
                guard used.insert(id).inserted else { return "code '\(id)' is used twice" }
                if case .start = piece {
                    guard pairs.contains(id) else { return "code '\(id)' is a placeholder, not a pair" }
                    open.append(id)
                } else if pairs.contains(id) {
                    return "code '\(id)' is a pair in the source"
                }
            case .end(let id):
                guard open.last == id else { return "code '\(id)' is closed out of order" }
                open.removeLast()
            }
        }
        return open.isEmpty ? nil : "code '\(open[0])' is never closed"
    }
}
