import Testing

@testable import L10nPipeline

/// More target locales by configuration, right-to-left included.
struct LocalesTests {
    static let article = """
        ---
        title: Rare cancers
        date: 2021-03-08
        ---

        Held {2021-03-08/2021-03-14, daterange, long}, for {130000, number} people and {1600000 EUR, currency}.

        """

    @Test(arguments: [
        ("de", "8.–14. März 2021", "130.000", "1.600.000,00\u{A0}€", "8. März 2021"),
        ("fr", "8–14 mars 2021", "130\u{202F}000", "1\u{202F}600\u{202F}000,00\u{A0}€", "8 mars 2021"),
        ("ja", "2021年3月8日～14日", "130,000", "€1,600,000.00", "2021年3月8日"),
        ("ar", "٨–١٤ مارس، ٢٠٢١", "١٣٠٬٠٠٠", "\u{200F}١٬٦٠٠٬٠٠٠٫٠٠\u{A0}€", "٨ مارس ٢٠٢١"),
    ])
    func valuesFollowEachLocale(locale: String, range: String, number: String, amount: String, date: String) throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, \(locale)]\n", to: root + "/ccl10n.yml")
        try TestSupport.write(Self.article, to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        let tag = try #require(LocaleTag(locale))
        let report = Builder(project: try Project(root: root)).run(locale: tag)
        #expect(report.manifest.documents.first?.fallback == true)
        let page = try TestSupport.read(root + "/Bundles/\(locale)/a.md")
        #expect(page.contains(range), "\(page)")
        #expect(page.contains(number))
        #expect(page.contains(amount))
        #expect(page.contains("date_localized: \"\(date)\""))
    }

    @Test func rightToLeftPagesMarkTextInALeftToRightLanguage() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, ar]\npublish: { threshold: 0.3 }\n", to: root + "/ccl10n.yml")
        try TestSupport.write("# Rare cancers\n\nAn untranslated paragraph.\n", to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        try TestSupport.translate(root + "/Locales/ar/a.md.xlf", ["Rare cancers": "السرطانات النادرة"])
        _ = Builder(project: try Project(root: root)).run(locale: try #require(LocaleTag("ar")))
        let page = try TestSupport.read(root + "/Bundles/ar/a.md")
        #expect(page == "# السرطانات النادرة\n\n<span lang=\"en\" dir=\"ltr\">An untranslated paragraph.</span>\n")
    }

    @Test func wholeHTMLDocumentsGetTheirLanguageAndDirection() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, ar]\n", to: root + "/ccl10n.yml")
        try TestSupport.write(
            "<html><head><title>Rare</title></head><body><p>Hello.</p></body></html>\n", to: root + "/Sources-EN/a.html"
        )
        _ = Extractor(project: try Project(root: root)).run()
        try TestSupport.translate(root + "/Locales/ar/a.html.xlf", ["Rare": "نادر", "Hello.": "مرحبا."])
        _ = Builder(project: try Project(root: root)).run(locale: try #require(LocaleTag("ar")))
        let html = try TestSupport.read(root + "/Bundles/ar/a.html")
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "\(html)")
        #expect(html.contains("<p>مرحبا.</p>"))
    }
}
