/// Checks a value's literal and style for its type, so that a wrong value is caught at extract, not at build.
enum ValueChecker {
    static let dateKeywords: Set<String> = ["short", "medium", "long", "full"]
    static let numberKeywords: Set<String> = ["integer", "percent"]

    /// The value, checked; `depth` counts the plural and select values it stands in a form of.
    static func check(
        literal: String, type: String, style styleText: String, raw: String,
        depth: Int = 0
    ) throws(ValueError) -> Value {
        if ValueScanner.reservedTypes.contains(type) { throw .unsupportedType(raw: raw, type: type) }
        guard let typeName = Value.TypeName(rawValue: type) else { throw .unknownType(raw: raw, type: type) }
        let style: Value.Style
        if styleText.isEmpty {
            style = .standard
        } else if styleText.hasPrefix("::") {
            let skeleton = String(styleText.dropFirst(2)).trimmingSpaces
            guard !skeleton.isEmpty else { throw .emptySkeleton(raw: raw) }
            guard skeleton.count <= InputLimits.maximumSkeletonLength else { throw .skeletonTooLong(raw: raw) }
            style = .skeleton(skeleton)
        } else {
            style = .keyword(styleText)
        }

        let kind: Value.Kind
        switch typeName {
        case .date, .time:
            let date = try parseDate(literal, raw: raw, allowTime: true)
            kind = typeName == .date ? .date(date) : .time(date)
            if case .keyword(let word) = style, !dateKeywords.contains(word) {
                throw .unknownStyle(raw: raw, type: typeName, style: word)
            }
        case .daterange:
            let parts = literal.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .dateRangeNotStartEnd(raw: raw) }
            let start = try parseDate(String(parts[0]).trimmingSpaces, raw: raw, allowTime: true)
            let end = try parseDate(String(parts[1]).trimmingSpaces, raw: raw, allowTime: true)
            guard start <= end else { throw .dateRangeReversed(raw: raw) }
            kind = .dateRange(start, end)
            if case .keyword(let word) = style, !dateKeywords.contains(word) {
                throw .unknownStyle(raw: raw, type: typeName, style: word)
            }
        case .number:
            guard isDecimal(literal) else { throw .notANumber(raw: raw, literal: literal) }
            kind = .number(literal)
            if case .keyword(let word) = style, !numberKeywords.contains(word) {
                throw .unknownStyle(raw: raw, type: typeName, style: word)
            }
        case .plural, .selectordinal:
            guard isDecimal(literal) else { throw .countNotANumber(raw: raw, literal: literal) }
            kind = .plural(
                count: literal, variants: try variants(styleText, raw: raw, plural: true, nesting: depth),
                ordinal: typeName == .selectordinal)
        case .select:
            guard literal.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .selectorNotAWord(raw: raw, selector: literal)
            }
            kind = .select(key: literal, variants: try variants(styleText, raw: raw, plural: false, nesting: depth))
        case .currency:
            let parts = literal.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, isDecimal(String(parts[0])) else { throw .currencyNotAmountAndCode(raw: raw) }
            let code = String(parts[1])
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }),
                ValueFormatter.isKnownCurrency(code)
            else { throw .unknownCurrency(raw: raw, code: code) }
            kind = .currency(amount: String(parts[0]), code: code)
            if case .keyword(let word) = style { throw .unknownStyle(raw: raw, type: typeName, style: word) }
        }
        let hasForms = typeName.hasForms
        let value = Value(kind: kind, style: hasForms ? .standard : style, raw: raw)
        if hasForms {
            try checkForms(value.kind.variants, depth: depth)
            return value
        }
        let shown: String
        do {
            shown = try ValueFormatter(locale: LocaleTag.root).format(value)
        } catch {
            throw .rejectedByICU(raw: raw, reason: "\(error)")
        }
        // ICU answers some skeletons it cannot use (a thousand `y`) with nothing rather than an error.
        guard !shown.isEmpty else { throw .formatsAsNothing(raw: raw) }
        return value
    }

    /// Checks the values written inside a plural or select value's forms, each once: formatting the value
    /// would check only the form it picks, and a nested value's forms again at every level above it.
    private static func checkForms(_ forms: [Value.Variant], depth: Int) throws(ValueError) {
        for form in forms {
            for match in ValueScanner.scan(Array(form.text.utf8), depth: depth + 1) {
                guard case .failure(let problem) = match.result else { continue }
                throw problem
            }
        }
    }

    /// The variants of a plural or select value: `key {text}` pairs, `other` among them.
    static func variants(
        _ text: String, raw: String, plural: Bool,
        nesting: Int = 0
    ) throws(ValueError) -> [Value.Variant] {
        guard nesting < InputLimits.maximumValueNesting else { throw .nestedTooDeep }
        let characters = Array(text)
        var result: [Value.Variant] = []
        var index = 0
        while index < characters.count {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            guard index < characters.count else { break }
            let keyStart = index
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "{" { index += 1 }
            let key = String(characters[keyStart..<index])
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            guard index < characters.count, characters[index] == "{" else {
                throw .variantWithoutBraces(raw: raw, key: key)
            }
            var depth = 0
            let textStart = index + 1
            repeat {
                if characters[index] == "{" { depth += 1 }
                if characters[index] == "}" { depth -= 1 }
                index += 1
            } while index < characters.count && depth > 0
            guard depth == 0 else { throw .variantNotClosed(raw: raw, key: key) }
            let validKey =
                plural
                ? (PluralRules.order.contains(key) || (key.hasPrefix("=") && isDecimal(String(key.dropFirst()))))
                : !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            guard validKey else {
                throw plural ? .notAPluralCategory(raw: raw, key: key) : .notASelectKey(raw: raw, key: key)
            }
            guard !result.contains(where: { $0.key == key }) else { throw .variantGivenTwice(raw: raw, key: key) }
            guard result.count < InputLimits.maximumValueForms else { throw .tooManyForms(raw: raw) }
            result.append(Value.Variant(key: key, text: String(characters[textStart..<(index - 1)])))
        }
        guard result.contains(where: { $0.key == "other" }) else { throw .otherMissing(raw: raw) }
        return result
    }

    /// `YYYY-MM-DD` with an optional `THH:MM[:SS]`, checked against the Gregorian calendar by ICU.
    static func parseDate(_ text: String, raw: String, allowTime: Bool) throws(ValueError) -> CalendarDate {
        let bad = ValueError.notADate(raw: raw, text: text)
        let halves = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let dateParts = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateParts.count == 3, dateParts[0].count == 4, dateParts[1].count == 2, dateParts[2].count == 2,
            let year = Int(dateParts[0]), let month = Int(dateParts[1]), let day = Int(dateParts[2])
        else { throw bad }
        var date = CalendarDate(year: year, month: month, day: day)
        if halves.count == 2 {
            let timeParts = halves[1].split(separator: ":", omittingEmptySubsequences: false)
            guard allowTime, timeParts.count == 2 || timeParts.count == 3, timeParts.allSatisfy({ $0.count == 2 }),
                let hour = Int(timeParts[0]), let minute = Int(timeParts[1]),
                let second = timeParts.count == 3 ? Int(timeParts[2]) : 0
            else { throw bad }
            date.hour = hour
            date.minute = minute
            date.second = second
        }
        guard ValueFormatter.isRealDate(date) else {
            throw .notACalendarDay(raw: raw, text: text)
        }
        return date
    }

    static func isDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body.removeFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !pieces[0].isEmpty else { return false }
        return pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
