/// The limits every reader applies to its input, in one place.
///
/// They are checked when a file is read, each with a positioned error, so that a run refuses an input before
/// it writes anything from it: extract never writes an XLIFF file or a memory that a reader would then refuse,
/// and nothing deep enough to overflow the stack (trees are walked and freed recursively) gets built.
public enum InputLimits {
    /// The largest file any reader takes, in bytes.
    public static let maximumFileSize = 256 * 1024 * 1024
    /// The longest text node libxml2 reads without `XML_PARSE_HUGE`, in bytes: every XML reader keeps it.
    public static let maximumTextLength = 10_000_000
    /// The most bytes one translation unit's source may hold (text and markup). An XLIFF file repeats a
    /// source in its target, notes and previous versions, and escaping can grow a text fivefold: a unit of
    /// this size stays well inside ``maximumTextLength`` wherever it is written.
    public static let maximumUnitLength = 1_000_000
    /// How deep YAML collections, Markdown blocks and Markdown inline spans may nest.
    public static let maximumNesting = 100
    /// How deep plural and select values may nest inside one another's forms.
    public static let maximumValueNesting = 8
    /// The most forms (`one`, `other`, `=N`…) one plural or select value may have.
    public static let maximumValueForms = 100
    /// The longest date or number skeleton ICU is given, in characters.
    public static let maximumSkeletonLength = 100

    /// What is said of a unit `length` bytes long, over ``maximumUnitLength``.
    static func unitTooLong(_ length: Int) -> String {
        "this text is \(length) bytes long, over the \(maximumUnitLength)-byte limit of one unit: split it"
    }
}

extension TranslationUnit {
    /// The bytes of the unit's source as an XLIFF file holds them: its text and its codes' markup.
    var sourceLength: Int {
        let text = source.pieces.reduce(0) { total, piece in
            if case .text(let text) = piece { total + text.utf8.count } else { total }
        }
        return codes.reduce(text) { $0 + $1.opening.utf8.count + $1.closing.utf8.count }
    }

    /// Why the unit is too long to be written to an XLIFF file, or nil when it is not.
    var lengthProblem: String? {
        let length = sourceLength
        return length > InputLimits.maximumUnitLength ? InputLimits.unitTooLong(length) : nil
    }
}
