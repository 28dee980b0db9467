/// The pseudo-locales, built from any source document before a translator has started, so that layouts can
/// be tested early: `en-XA` (accented letters, about 35 % longer, each unit bracketed `[…]`: cut-off,
/// hard-coded or concatenated text shows at a glance) and `ar-XB` (each text run shown right to left, the
/// page `dir="rtl"`). Codes and values are kept as they are; values are formatted by the pseudo-locale's
/// base locale (`en`, `ar`).
public struct PseudoLocale: Sendable {
    public enum Kind: Sendable { case accented, rightToLeft }

    public let kind: Kind
    /// The locale whose ICU data formats the values.
    public let base: LocaleTag
    /// The pseudo-locale's tag with its base locale's ICU identifier: values are formatted as the base formats
    /// them, while pages say `lang="en-XA"` (and `dir` from the base: `rtl` for `ar-XB`).
    public let formatting: LocaleTag

    /// The pseudo-locales `build --locale` accepts without their being targets of the project.
    public static let tags = ["en-XA", "ar-XB"]

    /// The pseudo-locale a tag names, if it is one.
    public init?(_ locale: LocaleTag) {
        switch locale.tag.lowercased() {
        case "en-xa": (kind, base) = (.accented, LocaleTag.english)
        case "ar-xb": (kind, base) = (.rightToLeft, LocaleTag(known: "ar", icuID: "ar"))
        default: return nil
        }
        formatting = LocaleTag(known: locale.tag, icuID: base.icuID)
    }

    /// A unit's source in the pseudo-locale: its text runs changed, its codes where they were.
    func transform(_ segment: Segment) -> Segment {
        guard segment.hasText else { return segment }
        switch kind {
        case .accented:
            let pieces = segment.pieces.map { piece in
                if case .text(let text) = piece {
                    Segment.Piece.text(String(text.unicodeScalars.map(Self.accented)))
                } else {
                    piece
                }
            }
            let length = segment.plainText.count
            let padding = max(0, Int((Double(length) * 0.35).rounded()) - 2)
            let tail = padding > 1 ? " " + Self.padding(padding - 1) : ""
            return Segment([.text("[")] + pieces + [.text(tail + "]")])
        case .rightToLeft:
            // Right-to-left override shows each run's letters mirrored; the marks around the unit set its
            // direction even where the page says nothing.
            let pieces = segment.pieces.map { piece in
                if case .text(let text) = piece, text.contains(where: { !$0.isWhitespace }) {
                    Segment.Piece.text("\u{202E}\(text)\u{202C}")
                } else {
                    piece
                }
            }
            return Segment([.text("\u{200F}")] + pieces + [.text("\u{200F}")])
        }
    }

    /// Words that lengthen a unit, as Android's pseudo-locale does: readable, and obviously not content.
    static func padding(_ count: Int) -> String {
        let words = "one two three four five six seven eight nine ten "
        var result = ""
        while result.count < count { result += words }
        return String(result.prefix(count)).trimmingCharacters(in: " ")
    }

    private static let plainLetters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".unicodeScalars)
    private static let accentedLetters = Array(
        "ÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽåƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž".unicodeScalars)

    static func accented(_ scalar: Unicode.Scalar) -> Character {
        guard let index = plainLetters.firstIndex(of: scalar) else { return Character(scalar) }
        return Character(accentedLetters[index])
    }
}
