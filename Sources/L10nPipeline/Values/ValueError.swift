/// Why a value (`{literal, type, style}`) is wrong: one case per rule of the value grammar, each with the
/// value as written (`raw`), so a caller can tell the problems apart and a diagnostic words them.
enum ValueError: Error, Sendable, Hashable {
    case notClosed(raw: String)
    case unsupportedType(raw: String, type: String)
    case unknownType(raw: String, type: String)
    case emptySkeleton(raw: String)
    case skeletonTooLong(raw: String)
    case unknownStyle(raw: String, type: Value.TypeName, style: String)
    case dateRangeNotStartEnd(raw: String)
    case dateRangeReversed(raw: String)
    case notADate(raw: String, text: String)
    case notACalendarDay(raw: String, text: String)
    case notANumber(raw: String, literal: String)
    case countNotANumber(raw: String, literal: String)
    case selectorNotAWord(raw: String, selector: String)
    case currencyNotAmountAndCode(raw: String)
    case unknownCurrency(raw: String, code: String)
    case rejectedByICU(raw: String, reason: String)
    case formatsAsNothing(raw: String)
    case nestedTooDeep
    case variantWithoutBraces(raw: String, key: String)
    case variantNotClosed(raw: String, key: String)
    case notAPluralCategory(raw: String, key: String)
    case notASelectKey(raw: String, key: String)
    case variantGivenTwice(raw: String, key: String)
    case tooManyForms(raw: String)
    case otherMissing(raw: String)

    /// The message a diagnostic shows.
    var message: String {
        switch self {
        case .notClosed(let raw): "value '\(raw)' is not closed: add '}'"
        case .nestedTooDeep:
            "plural and select values are nested more than \(InputLimits.maximumValueNesting) deep"
        case .skeletonTooLong(let raw):
            "value '\(raw.prefix(60))…': the skeleton is longer than \(InputLimits.maximumSkeletonLength) characters"
        default: "value '\(raw)': \(detail)"
        }
    }

    /// The value as written; empty for a problem of nesting, which is about no single value.
    private var raw: String {
        switch self {
        case .nestedTooDeep: ""
        case .notClosed(let raw), .unsupportedType(let raw, _), .unknownType(let raw, _), .emptySkeleton(let raw),
            .skeletonTooLong(let raw), .unknownStyle(let raw, _, _), .dateRangeNotStartEnd(let raw),
            .dateRangeReversed(let raw), .notADate(let raw, _), .notACalendarDay(let raw, _),
            .notANumber(let raw, _), .countNotANumber(let raw, _), .selectorNotAWord(let raw, _),
            .currencyNotAmountAndCode(let raw), .unknownCurrency(let raw, _), .rejectedByICU(let raw, _),
            .formatsAsNothing(let raw), .variantWithoutBraces(let raw, _), .variantNotClosed(let raw, _),
            .notAPluralCategory(let raw, _), .notASelectKey(let raw, _), .variantGivenTwice(let raw, _),
            .tooManyForms(let raw), .otherMissing(let raw):
            raw
        }
    }

    /// What is wrong with the value, after `value '<raw>': `.
    private var detail: String {
        let types = ValueScanner.types.sorted().joined(separator: ", ")
        switch self {
        case .notClosed, .nestedTooDeep, .skeletonTooLong: return ""  // worded whole by `message`
        case .unsupportedType(_, let type): return "type '\(type)' is not supported yet (supported: \(types))"
        case .unknownType(_, let type): return "unknown type '\(type)' (expected one of \(types))"
        case .emptySkeleton: return "the skeleton after '::' is empty"
        case .unknownStyle(_, let type, let style):
            switch type {
            case .date, .time, .daterange:
                return "unknown \(type.rawValue) style '\(style)' (expected short, medium, long, full or ::skeleton)"
            case .number: return "unknown number style '\(style)' (expected integer, percent or ::skeleton)"
            case .currency: return "unknown currency style '\(style)' (write an ICU number skeleton after '::')"
            case .plural, .selectordinal, .select: return "unknown \(type.rawValue) style '\(style)'"
            }
        case .dateRangeNotStartEnd: return "a date range is written 'start/end', as in 2021-03-08/2021-03-14"
        case .dateRangeReversed: return "the range ends before it starts"
        case .notADate(_, let text): return "'\(text)' is not a date (write YYYY-MM-DD)"
        case .notACalendarDay(_, let text): return "\(text) is not a day of the calendar"
        case .notANumber(_, let literal): return "'\(literal)' is not a number (write digits, with '.' for decimals)"
        case .countNotANumber(_, let literal): return "the count '\(literal)' is not a number"
        case .selectorNotAWord(_, let selector): return "the selector '\(selector)' must be a word"
        case .currencyNotAmountAndCode: return "a currency amount is written 'amount CODE', as in 1600000 EUR"
        case .unknownCurrency(_, let code): return "'\(code)' is not an ISO 4217 currency code that ICU knows"
        case .rejectedByICU(_, let reason): return "ICU rejects its style: \(reason)"
        case .formatsAsNothing: return "ICU formats it as nothing: check its style"
        case .variantWithoutBraces(_, let key): return "variant '\(key)' needs its text in braces"
        case .variantNotClosed(_, let key): return "variant '\(key)' is not closed"
        case .notAPluralCategory(_, let key):
            return "'\(key)' is not a plural category (zero, one, two, few, many, other or =N)"
        case .notASelectKey(_, let key): return "'\(key)' is not a select key"
        case .variantGivenTwice(_, let key): return "variant '\(key)' is given twice"
        case .tooManyForms: return "it has more than \(InputLimits.maximumValueForms) forms"
        case .otherMissing: return "an 'other' variant is required"
        }
    }
}
