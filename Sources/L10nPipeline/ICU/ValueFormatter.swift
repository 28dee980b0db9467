internal import CICU

/// Formats values for one locale through the system ICU, caching each formatter it opens.
///
/// Not thread-safe: make one per task. Dates are interpreted and shown in UTC, so a date is the same day
/// wherever the build runs.
final class ValueFormatter {
    let locale: LocaleTag
    private var dateFormats: [String: UnsafeMutablePointer<UDateFormat?>] = [:]
    private var intervalFormats: [String: OpaquePointer] = [:]
    private var numberFormats: [String: OpaquePointer] = [:]
    private var patternGenerator: UnsafeMutablePointer<UDateTimePatternGenerator?>?
    private var pluralRules: [Bool: PluralRules] = [:]

    init(locale: LocaleTag) {
        self.locale = locale
    }

    deinit {
        for format in dateFormats.values { ccl10n_udat_close(format) }
        for format in intervalFormats.values { ccl10n_udtitvfmt_close(format) }
        for format in numberFormats.values { ccl10n_unumf_close(format) }
        if let patternGenerator { ccl10n_udatpg_close(patternGenerator) }
    }

    /// The locale's plural rules, cardinal or ordinal, opened once.
    func rules(ordinal: Bool) throws(ICUError) -> PluralRules {
        if let cached = pluralRules[ordinal] { return cached }
        let rules = try PluralRules(locale: locale, ordinal: ordinal)
        pluralRules[ordinal] = rules
        return rules
    }

    /// The value as the locale writes it. For plural and select values, `variants` gives the locale's own
    /// texts by key (translations); a key it lacks falls back to the source's text for that key, then `other`.
    func format(_ value: Value, variants overrides: [String: String] = [:]) throws(ICUError) -> String {
        switch value.kind {
        case .plural(let count, let variants, let ordinal):
            let number = Double(count) ?? 0
            let exact = variants.first { $0.key.hasPrefix("=") && Double($0.key.dropFirst()) == number }
            let key: String
            if let exact { key = exact.key } else { key = try rules(ordinal: ordinal).category(of: number) }
            let text =
                overrides[key] ?? variants.first { $0.key == key }?.text ?? variants.first { $0.key == "other" }?.text
                ?? ""
            return try expand(text, count: formatNumber(count, skeleton: ""))
        case .select(let key, let variants):
            let text =
                overrides[key] ?? variants.first { $0.key == key }?.text ?? overrides["other"]
                ?? variants.first { $0.key == "other" }?.text ?? ""
            return try expand(text, count: nil)
        case .date(let date):
            return try formatDate(date, style: value.style, defaultSkeleton: nil)
        case .time(let date):
            return try formatDate(date, style: value.style, defaultSkeleton: "jm")
        case .dateRange(let start, let end):
            return try formatInterval(start, end, skeleton: Self.intervalSkeleton(value.style))
        case .number(let number):
            return try formatNumber(number, skeleton: Self.numberSkeleton(value.style))
        case .currency(let amount, let code):
            var skeleton = "currency/\(code)"
            if case .skeleton(let extra) = value.style { skeleton += " " + extra }
            return try formatNumber(amount, skeleton: skeleton)
        }
    }

    /// A variant's text with `#` as the count and every nested value formatted.
    private func expand(_ text: String, count: String?) throws(ICUError) -> String {
        let bytes = Array(text.utf8)
        var result = ""
        var cursor = 0
        func plain(_ slice: ArraySlice<UInt8>) -> String {
            let piece = String(decoding: slice, as: UTF8.self)
            return count.map { piece.replacing("#", with: $0) } ?? piece
        }
        for match in ValueScanner.scan(bytes) {
            result += plain(bytes[cursor..<match.range.lowerBound])
            if case .success(let nested) = match.result {
                result += try format(nested)
            } else {
                result += String(decoding: bytes[match.range], as: UTF8.self)
            }
            cursor = match.range.upperBound
        }
        return result + plain(bytes[cursor...])
    }

    static func numberSkeleton(_ style: Value.Style) -> String {
        switch style {
        case .standard: ""
        case .keyword("integer"): "precision-integer"
        case .keyword("percent"): "percent scale/100"
        case .keyword(let other): other
        case .skeleton(let skeleton): skeleton
        }
    }

    static func intervalSkeleton(_ style: Value.Style) -> String {
        switch style {
        case .standard, .keyword("medium"): "yMMMd"
        case .keyword("short"): "yMd"
        case .keyword("long"): "yMMMMd"
        case .keyword("full"): "yMMMMEEEEd"
        case .keyword(let other): other
        case .skeleton(let skeleton): skeleton
        }
    }

    /// Milliseconds since 1970 in UTC, computed by a strict (non-lenient) Gregorian calendar; nil for a day
    /// that does not exist, such as 2021-02-30. Wraps `ucal_setDateTime` and `ucal_getMillis`.
    static func millis(_ date: CalendarDate) -> Double? {
        var status = U_ZERO_ERROR
        guard let calendar = ccl10n_ucal_openGregorianUTC(&status), ccl10n_u_failure(status) == 0 else { return nil }
        defer { ccl10n_ucal_close(calendar) }
        ccl10n_ucal_setStrict(calendar)
        ccl10n_ucal_clear(calendar)
        ccl10n_ucal_setDateTime(
            calendar, Int32(date.year), Int32(date.month), Int32(date.day),
            Int32(date.hour), Int32(date.minute), Int32(date.second), &status)
        let millis = ccl10n_ucal_getMillis(calendar, &status)
        return ccl10n_u_failure(status) == 0 ? millis : nil
    }

    static func isRealDate(_ date: CalendarDate) -> Bool {
        (1...12).contains(date.month) && millis(date) != nil
    }

    /// Whether ICU knows an ISO 4217 code as a currency that was ever legal tender. Wraps `ucurr_isAvailable`.
    static func isKnownCurrency(_ code: String) -> Bool {
        var status = U_ZERO_ERROR
        let units = code.utf16Units + [0]
        return ccl10n_ucurr_isKnown(units, &status) != 0 && ccl10n_u_failure(status) == 0
    }

    private func formatDate(_ date: CalendarDate, style: Value.Style, defaultSkeleton: String?) throws(ICUError)
        -> String
    {
        guard let millis = Self.millis(date) else { throw ICUError(function: "ucal_getMillis", code: .illegalArgument) }
        let key: String
        switch (style, defaultSkeleton) {
        case (.skeleton(let skeleton), _): key = "::" + skeleton
        case (.keyword(let word), nil): key = word
        case (.standard, nil): key = "medium"
        case (.keyword(let word), let base?):
            key = "::" + (["full", "long"].contains(word) ? base + "sz" : word == "medium" ? base + "s" : base)
        case (.standard, let base?): key = "::" + base
        }
        let formatter = try dateFormat(key)
        return try icuString("udat_format") { ccl10n_udat_format(formatter, millis, $0, $1, &$2) }
    }

    /// A date format for a style keyword or a `::skeleton` (through the pattern generator). Wraps `udat_open`.
    private func dateFormat(_ key: String) throws(ICUError) -> UnsafeMutablePointer<UDateFormat?> {
        if let cached = dateFormats[key] { return cached }
        var status = U_ZERO_ERROR
        let format: UnsafeMutablePointer<UDateFormat?>?
        if key.hasPrefix("::") {
            let skeleton = String(key.dropFirst(2))
            guard skeleton.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw ICUError(function: "udatpg_getBestPattern", code: .illegalArgument)
            }
            let generator = try generator()
            let units = skeleton.utf16Units
            let pattern = try icuString("udatpg_getBestPattern") {
                ccl10n_udatpg_getBestPattern(generator, units, Int32(units.count), $0, $1, &$2)
            }
            let patternUnits = pattern.utf16Units
            format = ccl10n_udat_openPattern(patternUnits, Int32(patternUnits.count), locale.icuID, &status)
        } else {
            let styles = ["full": 0, "long": 1, "medium": 2, "short": 3]
            format = ccl10n_udat_openStyle(Int32(styles[key] ?? 2), locale.icuID, &status)
        }
        try ICUError.check(status, "udat_open")
        guard let format else { throw ICUError(function: "udat_open", code: .memoryAllocation) }
        dateFormats[key] = format
        return format
    }

    private func generator() throws(ICUError) -> UnsafeMutablePointer<UDateTimePatternGenerator?> {
        if let patternGenerator { return patternGenerator }
        var status = U_ZERO_ERROR
        let generator = ccl10n_udatpg_open(locale.icuID, &status)
        try ICUError.check(status, "udatpg_open")
        guard let generator else { throw ICUError(function: "udatpg_open", code: .memoryAllocation) }
        patternGenerator = generator
        return generator
    }

    /// Formats a date range with ICU's interval formatter, which shares what both ends have in common
    /// ("8–14 maart 2021"). Wraps `udtitvfmt_open` and `udtitvfmt_format`.
    private func formatInterval(_ start: CalendarDate, _ end: CalendarDate, skeleton: String) throws(ICUError) -> String
    {
        guard let from = Self.millis(start), let to = Self.millis(end) else {
            throw ICUError(function: "ucal_getMillis", code: .illegalArgument)
        }
        let formatter: OpaquePointer
        if let cached = intervalFormats[skeleton] {
            formatter = cached
        } else {
            guard skeleton.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw ICUError(function: "udtitvfmt_open", code: .illegalArgument)
            }
            var status = U_ZERO_ERROR
            let units = skeleton.utf16Units
            let opened = ccl10n_udtitvfmt_open(locale.icuID, units, Int32(units.count), &status)
            try ICUError.check(status, "udtitvfmt_open")
            guard let opened else { throw ICUError(function: "udtitvfmt_open", code: .memoryAllocation) }
            intervalFormats[skeleton] = opened
            formatter = opened
        }
        return try icuString("udtitvfmt_format") { ccl10n_udtitvfmt_format(formatter, from, to, $0, $1, &$2) }
    }

    /// Formats a decimal string with a number skeleton. Wraps `unumf_openForSkeletonAndLocaleWithError` and
    /// `unumf_formatDecimal`.
    private func formatNumber(_ decimal: String, skeleton: String) throws(ICUError) -> String {
        let formatter: OpaquePointer
        if let cached = numberFormats[skeleton] {
            formatter = cached
        } else {
            var status = U_ZERO_ERROR
            var parseError = UParseError()
            let units = skeleton.utf16Units
            let opened = ccl10n_unumf_openForSkeleton(units, Int32(units.count), locale.icuID, &parseError, &status)
            try ICUError.check(status, "unumf_openForSkeletonAndLocale")
            guard let opened else {
                throw ICUError(function: "unumf_openForSkeletonAndLocale", code: .memoryAllocation)
            }
            numberFormats[skeleton] = opened
            formatter = opened
        }
        var status = U_ZERO_ERROR
        guard let result = ccl10n_unumf_openResult(&status) else {
            throw ICUError(function: "unumf_openResult", code: .memoryAllocation)
        }
        defer { ccl10n_unumf_closeResult(result) }
        ccl10n_unumf_formatDecimal(formatter, decimal, Int32(decimal.utf8.count), result, &status)
        try ICUError.check(status, "unumf_formatDecimal")
        return try icuString("unumf_resultToString") { ccl10n_unumf_resultToString(result, $0, $1, &$2) }
    }
}
