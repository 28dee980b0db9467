/// HTML documents and fragments, through libxml2's HTML parser.
struct HTMLFormat: ContentFormat {
    static let fileExtensions: Set<String> = ["html", "htm"]
    static let xliffDatatype = "html"
    static let hasFrontMatter = false
    static let hasStandalonePage = false

    init(config: ProjectConfig) {}

    func read(_ bytes: [UInt8], path: String, locale: LocaleTag) throws(DiagnosticError) -> SourceDocument {
        try HTMLReader().read(bytes, path: path, locale: locale)
    }

    static func render(
        _ document: SourceDocument, targets: [String: Segment], variants: [String: [String: String]],
        fallbackLanguage: String?,
        formatter: ValueFormatter
    ) -> (bytes: [UInt8], problems: [Diagnostic]) {
        HTMLRenderer(document: document, formatter: formatter, variants: variants)
            .render(targets: targets, fallbackLanguage: fallbackLanguage)
    }

    /// The text of the first `<title>` element.
    static func title(ofBuilt bytes: [UInt8]) -> String? {
        guard let tree = try? XMLTree.parseHTML(bytes, path: "") else { return nil }
        var found: String?
        func walk(_ element: XMLElement) {
            if found == nil, element.name.lowercased() == "title" { found = element.textContent }
            element.childElements.forEach(walk)
        }
        tree.topLevelElements.forEach(walk)
        return found
    }

    /// The document itself: it is a page already.
    static func htmlPage(
        ofBuilt bytes: [UInt8], language: LocaleTag,
        alternates: [(locale: LocaleTag, href: String)]
    ) -> [UInt8] {
        bytes
    }
}
