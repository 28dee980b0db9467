/// The XLIFF versions ccl10n reads and writes.
public enum XLIFFVersion: String, Sendable, CaseIterable {
    case v12 = "1.2"
    case v21 = "2.1"

    static let namespace12 = "urn:oasis:names:tc:xliff:document:1.2"
    /// XLIFF 1.0 and 1.1 files (Translate Toolkit's po2xliff writes 1.1) are read as 1.2, their superset.
    static let namespaces1x: Set<String> = [namespace12, "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0"]
    /// XLIFF 2.0 and 2.1 share this namespace; `version` on `<xliff>` tells them apart.
    static let namespace2 = "urn:oasis:names:tc:xliff:document:2.0"
    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

    var namespace: String { self == .v12 ? Self.namespace12 : Self.namespace2 }
}

/// A unit's translation state, independent of the XLIFF version.
///
/// | state | XLIFF 1.2 `target/@state` | XLIFF 2.1 `segment/@state` (+ `subState`) |
/// | --- | --- | --- |
/// | new | `new` (also needs-translation, needs-l10n, needs-adaptation) | `initial` |
/// | needs review | `needs-review-translation` (and the other needs-review-…) | `initial` + `ccl10n:needs-review-translation` |
/// | translated | `translated` | `translated` |
/// | signed off | `signed-off` | `reviewed` |
/// | final | `final` | `final` |
public enum TranslationState: String, Sendable, Comparable, CaseIterable {
    case new
    case needsReview = "needs-review-translation"
    case translated
    case signedOff = "signed-off"
    case final

    /// The subState ccl10n writes in XLIFF 2.1 for a unit whose source changed.
    static let needsReviewSubState = "ccl10n:needs-review-translation"

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

    init?(xliff2 value: String, subState: String?) {
        switch value {
        case "initial": self = subState == Self.needsReviewSubState ? .needsReview : .new
        case "translated": self = .translated
        case "reviewed": self = .signedOff
        case "final": self = .final
        default: return nil
        }
    }

    var xliff12: String { rawValue }

    var xliff2: (state: String, subState: String?) {
        switch self {
        case .new: ("initial", nil)
        case .needsReview: ("initial", Self.needsReviewSubState)
        case .translated: ("translated", nil)
        case .signedOff: ("reviewed", nil)
        case .final: ("final", nil)
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: TranslationState, b: TranslationState) -> Bool { a.rank < b.rank }
}
