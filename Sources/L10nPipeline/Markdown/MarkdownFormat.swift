/// Markdown (CommonMark with GitHub's extensions, through cmark-gfm) with YAML front matter.
struct MarkdownFormat: ContentFormat {
    static let fileExtensions: Set<String> = ["md", "markdown"]
    static let xliffDatatype = "x-markdown"
    static let hasFrontMatter = true
    static let hasStandalonePage = true

    let reader: MarkdownReader

    init(config: ProjectConfig) {
        reader = MarkdownReader(frontMatterKeys: config.frontMatter, segmentation: config.segmentation)
    }

    func read(_ bytes: [UInt8], path: String, locale: LocaleTag) throws(DiagnosticError) -> SourceDocument {
        try reader.read(bytes, path: path, locale: locale)
    }

    static func render(
        _ document: SourceDocument, targets: [String: Segment], variants: [String: [String: String]],
        fallbackLanguage: String?,
        formatter: ValueFormatter
    ) -> (bytes: [UInt8], problems: [Diagnostic]) {
        MarkdownRenderer(document: document, formatter: formatter, variants: variants)
            .render(targets: targets, fallbackLanguage: fallbackLanguage)
    }

    /// The front matter's `title`.
    static func title(ofBuilt bytes: [UInt8]) -> String? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return (try? FrontMatter.find(in: bytes, at: start))??.scalar(at: "title")?.value
    }

    static func htmlPage(
        ofBuilt bytes: [UInt8], language: LocaleTag,
        alternates: [(locale: LocaleTag, href: String)]
    ) -> [UInt8] {
        var body = bytes[...]
        var title: String?
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let frontMatter = try? FrontMatter.find(in: bytes, at: start) {
            body = bytes[frontMatter.bodyOffset...]
            title = frontMatter.scalar(at: "title")?.value
        }
        let content = CmarkTree(body).html(allowRawHTML: true)
        return HTMLPage.page(title: title, content: content, language: language, alternates: alternates)
    }
}
