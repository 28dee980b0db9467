/// A kind of content file ccl10n translates: how a file of it is read into units and put back together in a
/// locale. Each format lives in its own folder and is registered in ``ContentFormats/all``.
protocol ContentFormat: Sendable {
    /// The file-name extensions of its documents, lower case and without the dot.
    static var fileExtensions: Set<String> { get }
    /// The `datatype` its documents' XLIFF files declare.
    static var xliffDatatype: String { get }
    /// Whether its documents open with YAML front matter that a site generator reads (Hugo, Jekyll): a site
    /// layout adds the page's language there.
    static var hasFrontMatter: Bool { get }
    /// Whether `build --format html` writes a standalone page (`<name>.html`) beside each built document; an
    /// HTML document is a page already.
    static var hasStandalonePage: Bool { get }

    /// The format's reader, set up as the project's configuration says.
    init(config: ProjectConfig)

    /// The document, or every problem found in it.
    func read(_ bytes: [UInt8], path: String, locale: LocaleTag) throws(DiagnosticError) -> SourceDocument

    /// The document in the formatter's locale: each unit in `targets` (by unit id) translated, every other
    /// unit in its source text, every value formatted. `variants` holds the locale's forms of plural and
    /// select values, keyed `unit id/code id`, then by form. With `fallbackLanguage`, units without a target
    /// are marked as being in that language.
    static func render(
        _ document: SourceDocument, targets: [String: Segment], variants: [String: [String: String]],
        fallbackLanguage: String?,
        formatter: ValueFormatter
    ) -> (bytes: [UInt8], problems: [Diagnostic])

    /// A built document's title, for the manifest and the bundle's index page.
    static func title(ofBuilt bytes: [UInt8]) -> String?

    /// A built document as a web page: `language` is the language its text is in, `alternates` link to its
    /// other language versions. Written beside the document when ``hasStandalonePage``.
    static func htmlPage(
        ofBuilt bytes: [UInt8], language: LocaleTag,
        alternates: [(locale: LocaleTag, href: String)]
    ) -> [UInt8]
}
