/// A content file cut into translation units, with the holes in its bytes that the units fill.
public struct SourceDocument: Sendable {
    /// The format the document was read in: its renderer puts the document back together.
    var format: any ContentFormat.Type
    /// The path relative to its source root (`news/week-of-rare-cancers.md`).
    public var path: String
    /// The locale the document is written in.
    public var locale: LocaleTag
    /// The file exactly as read.
    public var bytes: [UInt8]
    public var units: [TranslationUnit]
    /// Problems that did not stop the reading (a block whose text could not be located stays untranslated).
    public var warnings: [Diagnostic] = []
    /// What the format's reader noted about the whole document for its renderer (Markdown: the front-matter
    /// dates that get a localized companion).
    var formatData: (any Sendable)?

    init(format: any ContentFormat.Type, path: String, locale: LocaleTag, bytes: [UInt8], units: [TranslationUnit]) {
        self.format = format
        self.path = path
        self.locale = locale
        self.bytes = bytes
        self.units = units
    }
}

/// One translatable (or value-bearing) piece of a document.
public struct TranslationUnit: Sendable {
    public enum Kind: Sendable, Hashable {
        case frontMatter(key: String)
        case heading(level: Int)
        case paragraph
        case tableCell
        /// An HTML attribute that people read (alt, title, placeholder, aria-label).
        case attribute(name: String)
        /// One form of a plural or select value, in the target locale's terms (`one`, `few`, `=0`, `female`).
        case variant(key: String)
    }

    public var id: String
    public var kind: Kind
    public var source: Segment
    public var codes: [InlineCode]
    /// Where the unit sits for a translator: the headings above it, or the front-matter key.
    public var context: String
    /// The bytes of the document this unit replaces at build.
    public var range: Range<Int>
    /// The value codes' byte ranges inside the document, so an untranslated unit keeps its exact bytes.
    public var valueRanges: [(range: Range<Int>, codeID: String)]
    /// The 1-based line of the unit in its document.
    public var line: Int
    /// What the format's reader noted about where the unit sits, for its renderer (an HTML element's path, how
    /// a front-matter value was written).
    var formatData: (any Sendable)?
    /// False for a block with nothing to translate (only a value or only code): it is still formatted at build.
    public var isTranslatable: Bool

    public func code(_ id: String) -> InlineCode? {
        codes.code(id)
    }
}

extension SourceDocument {
    /// The document in one locale, through its format's renderer (see ``ContentFormat/render``).
    func render(
        targets: [String: Segment], variants: [String: [String: String]] = [:], fallbackLanguage: String?,
        formatter: ValueFormatter
    ) -> (bytes: [UInt8], problems: [Diagnostic]) {
        format.render(
            self, targets: targets, variants: variants, fallbackLanguage: fallbackLanguage,
            formatter: formatter)
    }
}
