internal import CICU

/// A locale's plural rules from ICU: which categories it has, and which one a number takes.
final class PluralRules {
    let rules: OpaquePointer
    /// The categories in CLDR order (zero, one, two, few, many, other), as ICU lists them for the locale.
    let categories: [String]

    static let order = ["zero", "one", "two", "few", "many", "other"]

    /// Opens cardinal (`plural`) or ordinal (`selectordinal`) rules. Wraps `uplrules_openForType` and
    /// `uplrules_getKeywords`.
    init(locale: LocaleTag, ordinal: Bool) throws(ICUError) {
        var status = U_ZERO_ERROR
        let opened =
            ordinal ? ccl10n_uplrules_openOrdinal(locale.icuID, &status) : ccl10n_uplrules_open(locale.icuID, &status)
        try ICUError.check(status, "uplrules_open")
        guard let opened else { throw ICUError(function: "uplrules_open", code: .memoryAllocation) }
        rules = opened
        var keywords: Set<String> = []
        if let enumeration = ccl10n_uplrules_getKeywords(opened, &status) {
            defer { ccl10n_uenum_close(enumeration) }
            var length: Int32 = 0
            while let keyword = ccl10n_uenum_next(enumeration, &length, &status) {
                keywords.insert(String(cString: keyword))
            }
        }
        categories = Self.order.filter(keywords.contains)
    }

    deinit {
        ccl10n_uplrules_close(rules)
    }

    /// The category a number takes. Wraps `uplrules_select` (the number as a Double: ICU's C API takes no
    /// other type here).
    func category(of number: Double) throws(ICUError) -> String {
        try icuString("uplrules_select") { ccl10n_uplrules_select(rules, number, $0, $1, &$2) }
    }
}
