/// A value written once in content (`{2021-03-08, date, long}`) and formatted for each locale at build.
///
/// The grammar, also in the README:
/// ```
/// value    = "{" literal "," type [ "," style ] "}"
/// type     = "date" | "daterange" | "time" | "number" | "currency" | "plural" | "selectordinal" | "select"
/// style    = keyword | "::" ICU-skeleton | variants
/// variants = { key "{" text "}" }        (plural keys: zero one two few many other =N; "other" is required)
/// ```
/// A `{` that is not followed by a literal, a comma and a word is ordinary text; `\{` is always a literal brace.
public struct Value: Sendable, Hashable {
    /// What the literal denotes.
    public enum Kind: Sendable, Hashable {
        case date(CalendarDate)
        case dateRange(CalendarDate, CalendarDate)
        case time(CalendarDate)
        /// A decimal number, kept as written so no precision is lost on the way to ICU.
        case number(String)
        /// An amount in an ISO 4217 currency.
        case currency(amount: String, code: String)
        /// Text chosen by a count's plural category (cardinal, or ordinal for `selectordinal`); `#` is the count.
        case plural(count: String, variants: [Variant], ordinal: Bool)
        /// Text chosen by a keyword.
        case select(key: String, variants: [Variant])

        /// The forms a translator writes for this value; empty for a value without forms.
        var variants: [Variant] {
            switch self {
            case .plural(_, let variants, _), .select(_, let variants): variants
            case .date, .dateRange, .time, .number, .currency: []
            }
        }
    }

    /// A value type as written after the literal's comma. Every stage switches over it (or over ``Kind``)
    /// without a `default:`, so a new type is one case here and one in ``Kind``, and the compiler points at
    /// the rest: ``ValueChecker`` (reading), ``ValueFormatter`` (formatting), ``VariantUnits`` (forms).
    enum TypeName: String, CaseIterable, Sendable {
        case date, daterange, time, number, currency, plural, selectordinal, select

        /// Whether the value chooses among forms written in its style (`one {…} other {…}`).
        var hasForms: Bool {
            switch self {
            case .plural, .selectordinal, .select: true
            case .date, .daterange, .time, .number, .currency: false
            }
        }
    }

    /// One variant of a plural or select value: its key (`one`, `few`, `=0`, `female`) and its text.
    public struct Variant: Sendable, Hashable {
        public var key: String
        public var text: String
    }

    /// How the value is to be shown.
    public enum Style: Sendable, Hashable {
        case standard
        case keyword(String)
        case skeleton(String)
    }

    public var kind: Kind
    public var style: Style
    /// The value exactly as the editor wrote it, braces included.
    public var raw: String
}

/// A date (and optionally a time of day) written in ISO 8601 form, interpreted in UTC.
public struct CalendarDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0
    public var second: Int = 0

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }
}
