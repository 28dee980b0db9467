import Testing

@testable import L10nPipeline

/// HTML documents: read with libxml2's HTML parser, translated, and rebuilt through its tree.
@Suite struct HTMLContentTests {
    static let page = """
        <h2>Rare cancers</h2>
        <p>About {130000, number} people live with a <a href="https://example.org/rare">rare cancer</a>.</p>
        <p><img src="week.png" alt="Poster of the week"> <span translate="no">NFK</span> supports it.</p>
        <script>var text = "not for translators";</script>

        """

    @Test func extractTranslateAndBuild() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(Self.page, to: root + "/Sources-EN/news/rare.html")
        let report = Extractor(project: try Project(root: root)).run()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let xliff = root + "/Locales/nl/news/rare.html.xlf"
        let xml = try TestSupport.read(xliff)
        #expect(xml.contains("datatype=\"html\""))
        #expect(!xml.contains("not for translators"))
        #expect(xml.contains("<source>Poster of the week</source>"))
        try TestSupport.translate(
            xliff,
            [
                "Rare cancers": "Zeldzame kanker",
                "About <x id=\"1\" ctype=\"x-value\" equiv-text=\"130,000\"/> people live with a <g id=\"2\" ctype=\"link\">rare cancer</g>.":
                    "Ongeveer <x id=\"1\"/> mensen leven met <g id=\"2\">zeldzame kanker</g> &lt;b&gt;",
                "Poster of the week": "Affiche van de week",
                "<x id=\"1\" ctype=\"x-image\" equiv-text=\"&lt;img&gt;\"/> <x id=\"2\" ctype=\"x-html\" equiv-text=\"&lt;span&gt;\"/> supports it.":
                    "<x id=\"1\"/> <x id=\"2\"/> steunt het.",
            ])
        let build = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(!build.hasErrors, "\(build.diagnostics)")
        let html = try TestSupport.read(root + "/Bundles/nl/news/rare.html")
        #expect(html.contains("<h2>Zeldzame kanker</h2>"))
        #expect(
            html.contains(
                "<p>Ongeveer 130.000 mensen leven met <a href=\"https://example.org/rare\">zeldzame kanker</a> &lt;b&gt;</p>"
            ))
        #expect(
            html.contains(
                "<img src=\"week.png\" alt=\"Affiche van de week\"> <span translate=\"no\">NFK</span> steunt het."))
        #expect(html.contains("<script>var text = \"not for translators\";</script>"))
    }

    @Test func theSourceLocaleGetsItsBytesBackWithValuesFormatted() throws {
        let document = try HTMLReader().read(Array("<p>Plain text only.</p>\n".utf8), path: "a.html", locale: .english)
        let (bytes, _) = document.render(
            targets: [:], fallbackLanguage: nil, formatter: ValueFormatter(locale: .english))
        #expect(bytes == Array("<p>Plain text only.</p>\n".utf8))
        let valued = try HTMLReader().read(Array(Self.page.utf8), path: "a.html", locale: .english)
        let (built, _) = valued.render(targets: [:], fallbackLanguage: nil, formatter: ValueFormatter(locale: .english))
        #expect(String(decoding: built, as: UTF8.self).contains("About 130,000 people"))
    }
}
