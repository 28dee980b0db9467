/// Checks a value's literal and style for its type, so that a wrong value is caught at extract, not at build.
enum ValueChecker {
    static let dateKeywords: Set<String> = ["short", "medium", "long", "full"]
    static let numberKeywords: Set<String> = ["integer", "percent"]

    /// The value, checked; `depth` counts the plural and select values it stands in a form of.
    static func check(
        literal: String, type: String, style styleText: String, raw: String,
        depth: Int = 0
    ) throws(PositionedError) -> Value {
        func fail(_ message: String) -> PositionedError { PositionedError(offset: 0, message: message) }
        if ValueScanner.reservedTypes.contains(type) {
            throw fail(
                "value '\(raw)': type '\(type)' is not supported yet (supported: \(ValueScanner.types.sorted().joined(separator: ", ")))"
            )
        }
        guard let typeName = Value.TypeName(rawValue: type) else {
            throw fail(
                "value '\(raw)': unknown type '\(type)' (expected one of \(ValueScanner.types.sorted().joined(separator: ", ")))"
            )
        }
        let style: Value.Style
        if styleText.isEmpty {
            style = .standard
        } else if styleText.hasPrefix("::") {
            let skeleton = String(styleText.dropFirst(2)).trimmingSpaces
            guard !skeleton.isEmpty else { throw fail("value '\(raw)': the skeleton after '::' is empty") }
            guard skeleton.count <= InputLimits.maximumSkeletonLength else {
                throw fail(
                    "value '\(raw.prefix(60))…': the skeleton is longer than "
                        + "\(InputLimits.maximumSkeletonLength) characters")
            }
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
                throw fail(
                    "value '\(raw)': unknown \(type) style '\(word)' (expected short, medium, long, full or ::skeleton)"
                )
            }
        case .daterange:
            let parts = literal.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw fail("value '\(raw)': a date range is written 'start/end', as in 2021-03-08/2021-03-14")
            }
            let start = try parseDate(String(parts[0]).trimmingSpaces, raw: raw, allowTime: true)
            let end = try parseDate(String(parts[1]).trimmingSpaces, raw: raw, allowTime: true)
            guard start <= end else { throw fail("value '\(raw)': the range ends before it starts") }
            kind = .dateRange(start, end)
            if case .keyword(let word) = style, !dateKeywords.contains(word) {
                throw fail(
                    "value '\(raw)': unknown daterange style '\(word)' (expected short, medium, long, full or ::skeleton)"
                )
            }
        case .number:
            guard isDecimal(literal) else {
                throw fail("value '\(raw)': '\(literal)' is not a number (write digits, with '.' for decimals)")
            }
            kind = .number(literal)
            if case .keyword(let word) = style, !numberKeywords.contains(word) {
                throw fail("value '\(raw)': unknown number style '\(word)' (expected integer, percent or ::skeleton)")
            }
        case .plural, .selectordinal:
            guard isDecimal(literal) else { throw fail("value '\(raw)': the count '\(literal)' is not a number") }
            kind = .plural(
                count: literal, variants: try variants(styleText, raw: raw, plural: true, nesting: depth),
                ordinal: typeName == .selectordinal)
        case .select:
            guard literal.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw fail("value '\(raw)': the selector '\(literal)' must be a word")
            }
            kind = .select(key: literal, variants: try variants(styleText, raw: raw, plural: false, nesting: depth))
        case .currency:
            let parts = literal.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, isDecimal(String(parts[0])) else {
                throw fail("value '\(raw)': a currency amount is written 'amount CODE', as in 1600000 EUR")
            }
            let code = String(parts[1])
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }),
                ValueFormatter.isKnownCurrency(code)
            else {
                throw fail("value '\(raw)': '\(code)' is not an ISO 4217 currency code that ICU knows")
            }
            kind = .currency(amount: String(parts[0]), code: code)
            if case .keyword(let word) = style {
                throw fail("value '\(raw)': unknown currency style '\(word)' (write an ICU number skeleton after '::')")
            }
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
            throw fail("value '\(raw)': ICU rejects its style: \(error)")
        }
        // ICU answers some skeletons it cannot use (a thousand `y`) with nothing rather than an error.
        guard !shown.isEmpty else { throw fail("value '\(raw)': ICU formats it as nothing: check its style") }
        return value
    }

    /// Checks the values written inside a plural or select value's forms, each once: formatting the value
    /// would check only the form it picks, and a nested value's forms again at every level above it.
    private static func checkForms(_ forms: [Value.Variant], depth: Int) throws(PositionedError) {
        for form in forms {
            for match in ValueScanner.scan(Array(form.text.utf8), depth: depth + 1) {
                guard case .failure(let problem) = match.result else { continue }
                throw PositionedError(offset: 0, message: problem.message)
            }
        }
    }

    /// The variants of a plural or select value: `key {text}` pairs, `other` among them.
    static func variants(
        _ text: String, raw: String, plural: Bool,
        nesting: Int = 0
    ) throws(PositionedError) -> [Value.Variant] {
        func fail(_ message: String) -> PositionedError {
            PositionedError(offset: 0, message: "value '\(raw)': \(message)")
        }
        guard nesting < InputLimits.maximumValueNesting else {
            throw PositionedError(
                offset: 0,
                message: "plural and select values are nested more than "
                    + "\(InputLimits.maximumValueNesting) deep")
        }
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
                throw fail("variant '\(key)' needs its text in braces")
            }
            var depth = 0
            let textStart = index + 1
            repeat {
                if characters[index] == "{" { depth += 1 }
                if characters[index] == "}" { depth -= 1 }
                index += 1
            } while index < characters.count && depth > 0
            guard depth == 0 else { throw fail("variant '\(key)' is not closed") }
            let validKey =
                plural
                ? (PluralRules.order.contains(key) || (key.hasPrefix("=") && isDecimal(String(key.dropFirst()))))
                : !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            guard validKey else {
                throw fail(
                    plural
                        ? "'\(key)' is not a plural category (zero, one, two, few, many, other or =N)"
                        : "'\(key)' is not a select key")
            }
            guard !result.contains(where: { $0.key == key }) else { throw fail("variant '\(key)' is given twice") }
            guard result.count < InputLimits.maximumValueForms else {
                throw fail("it has more than \(InputLimits.maximumValueForms) forms")
            }
            result.append(Value.Variant(key: key, text: String(characters[textStart..<(index - 1)])))
        }
        guard result.contains(where: { $0.key == "other" }) else { throw fail("an 'other' variant is required") }
        return result
    }

    /// `YYYY-MM-DD` with an optional `THH:MM[:SS]`, checked against the Gregorian calendar by ICU.
    static func parseDate(_ text: String, raw: String, allowTime: Bool) throws(PositionedError) -> CalendarDate {
        let bad = PositionedError(offset: 0, message: "value '\(raw)': '\(text)' is not a date (write YYYY-MM-DD)")
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
            throw PositionedError(offset: 0, message: "value '\(raw)': \(text) is not a day of the calendar")
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
