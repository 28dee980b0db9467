import Testing

@testable import L10nPipeline

/// A project made by `ccl10n init --layout …`, its sample page replaced by the repository's sample content and
/// built for every locale: the site folder is ready for the generator.
private func builtSite(layout: String) throws -> String {
    let root = try TestSupport.temporaryFolder()
    let created = try CLIRun.run(["init", "--root", root, "--layout", layout])
    #expect(created.status == 0, "\(created.stderr)")
    TestSupport.remove(root + "/Sources-EN/welcome.md")
    for part in ["Sources-EN", "Sources-NL", "Locales"] {
        try TestSupport.copyTree(TestSupport.packageRoot + "/" + part, to: root + "/" + part)
    }
    let build = try CLIRun.run(["build", "--locale", "all", "--root", root])
    #expect(build.status == 0, "\(build.stderr)")
    return root
}

/// What every generated Dutch page must show: Dutch text with values formatted by ICU for nl, `lang="nl"`, and
/// a link to its English counterpart, which exists.
private func expectDutchPages(in output: String, news: String, story: String, englishNews: String, englishStory: String)
    throws
{
    let page = try TestSupport.read(output + news)
    #expect(page.contains("<html lang=\"nl\""), "\(page.prefix(300))")
    #expect(page.contains("Week van de Zeldzame Kanker"))
    #expect(page.contains("heeft 8–14 maart uitgeroepen"))
    #expect(page.contains("meer dan 130.000 mensen"))
    #expect(page.contains("kreeg €\u{A0}1,6\u{A0}mln."))
    #expect(page.contains("hreflang=\"en\" href=\"\(englishNews)\""), "no link to the English page")
    #expect(!page.contains("{2021"), "a value was left unformatted")
    let english = try TestSupport.read(output + englishNews + (englishNews.hasSuffix("/") ? "index.html" : ""))
    #expect(english.contains("<html lang=\"en\""))
    #expect(english.contains("has declared March 8\u{2009}–\u{2009}14 to be"))

    // The page written in Dutch (Sources-NL) is Dutch as written, with its English translation linked.
    let written = try TestSupport.read(output + story)
    #expect(written.contains("<html lang=\"nl\""))
    #expect(written.contains("hreflang=\"en\" href=\"\(englishStory)\""))
    let translated = try TestSupport.read(output + englishStory + (englishStory.hasSuffix("/") ? "index.html" : ""))
    #expect(translated.contains("More than 130,000 people in the Netherlands"))
}

/// The bundles through Debian's Hugo (`make generators` installs it).
@Suite(
    .enabled(if: TestSupport.tool("hugo") != nil, "hugo is not installed (make generators): Hugo site tests skipped"))
struct HugoSiteTests {
    @Test(arguments: ["hugo", "hugo-suffix"])
    func dutchPagesAreBuiltByHugoAndLinkToEnglish(layout: String) throws {
        let root = try builtSite(layout: layout)
        defer { TestSupport.remove(root) }
        let content =
            layout == "hugo"
            ? "/site/content/nl/news/week-of-rare-cancers.md" : "/site/content/news/week-of-rare-cancers.nl.md"
        let built = try TestSupport.read(root + content)
        #expect(built.contains("lang: nl\ntranslationKey: news/week-of-rare-cancers\n---\n"))

        // Hugo keeps its module cache in the temporary directory unless told otherwise: keep it in the project.
        let hugo = try CLIRun.run(
            executable: try #require(TestSupport.tool("hugo")),
            ["--source", root + "/site", "--cacheDir", root + "/hugo-cache", "--quiet"])
        #expect(hugo.status == 0, "\(hugo.stdout)\(hugo.stderr)")
        try expectDutchPages(
            in: root + "/site/public",
            news: "/nl/news/week-of-rare-cancers/index.html",
            story: "/nl/verhalen/expertisecentra-zeldzame-kanker/index.html",
            englishNews: "/en/news/week-of-rare-cancers/",
            englishStory: "/en/verhalen/expertisecentra-zeldzame-kanker/")
    }
}

/// The bundles through Debian's Jekyll (`make generators` installs it).
@Suite(
    .enabled(
        if: TestSupport.tool("jekyll") != nil, "jekyll is not installed (make generators): Jekyll site tests skipped"))
struct JekyllSiteTests {
    @Test func dutchPagesAreBuiltByJekyllAndLinkToEnglish() throws {
        let root = try builtSite(layout: "jekyll")
        defer { TestSupport.remove(root) }
        let built = try TestSupport.read(root + "/site/nl/news/week-of-rare-cancers.md")
        #expect(built.contains("lang: nl\ntranslationKey: news/week-of-rare-cancers\n---\n"))

        let jekyll = try CLIRun.run(
            executable: try #require(TestSupport.tool("jekyll")),
            ["build", "--quiet", "--source", root + "/site", "--destination", root + "/site/_site"])
        #expect(jekyll.status == 0, "\(jekyll.stdout)\(jekyll.stderr)")
        try expectDutchPages(
            in: root + "/site/_site",
            news: "/nl/news/week-of-rare-cancers.html",
            story: "/nl/verhalen/expertisecentra-zeldzame-kanker.html",
            englishNews: "/en/news/week-of-rare-cancers.html",
            englishStory: "/en/verhalen/expertisecentra-zeldzame-kanker.html")
    }
}
