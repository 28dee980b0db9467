/// A content file cut into translation units, with the holes in its bytes that the units fill.
public struct SourceDocument: Sendable {
    /// The kinds of content file ccl10n reads.
    public enum Format: Sendable, Hashable {
        case markdown
        case html
    }

    public var format: Format = .markdown
    /// The path relative to its source root (`news/week-of-rare-cancers.md`).
    public var path: String
    /// The locale the document is written in.
    public var locale: LocaleTag
    /// The file exactly as read.
    public var bytes: [UInt8]
    public var units: [TranslationUnit]
    /// Problems that did not stop the reading (a block whose text could not be located stays untranslated).
    public var warnings: [Diagnostic] = []
    /// Front-matter dates that get a localized companion in the bundle: after the line that ends at
    /// `offset`, build writes `<key>_localized: "<the date, long style>"`.
    var dateCompanions: [(offset: Int, key: String, date: CalendarDate)] = []

    public init(path: String, locale: LocaleTag, bytes: [UInt8], units: [TranslationUnit]) {
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
    /// Where an HTML unit's element is: child-element indexes from the root element.
    var htmlPath: [Int]?
    /// How a front-matter value was written, so its translation is written the same way where it can be.
    var yamlStyle: YAMLScalar.Style?
    /// False for a block with nothing to translate (only a value or only code): it is still formatted at build.
    public var isTranslatable: Bool

    public func code(_ id: String) -> InlineCode? {
        codes.code(id)
    }
}
