/// The XLIFF versions ccl10n reads and writes.
public enum XLIFFVersion: String, Sendable, CaseIterable {
    case v12 = "1.2"
    case v21 = "2.1"

    static let namespace12 = "urn:oasis:names:tc:xliff:document:1.2"
    /// XLIFF 1.0 and 1.1 files (Translate Toolkit's po2xliff writes 1.1) are read as 1.2, their superset.
    static let namespaces1x: Set<String> = [
        namespace12, "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0",
    ]
    /// XLIFF 2.0 and 2.1 share this namespace; `version` on `<xliff>` tells them apart.
    static let namespace2 = "urn:oasis:names:tc:xliff:document:2.0"
    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

    /// The dialect that reads and writes this version's files and units.
    var dialect: any XLIFFDialect.Type {
        switch self {
        case .v12: XLIFF12Unit.self
        case .v21: XLIFF2Unit.self
        }
    }

    var namespace: String { dialect.namespace }

    /// Every version, quoted, for messages: `"1.2" or "2.1"`.
    static var choices: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ") }

    /// The dialect of a file whose XLIFF elements are in `namespace`, if ccl10n reads it.
    static func dialect(reading namespace: String) -> (any XLIFFDialect.Type)? {
        allCases.lazy.map(\.dialect).first { $0.reads(namespace: namespace) }
    }
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

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: TranslationState, b: TranslationState) -> Bool { a.rank < b.rank }
}
