import Testing

@testable import L10nPipeline

/// `build --locale en-XA` and `--locale ar-XB` on the sample content, before any translation exists.
@Suite struct PseudoLocaleTests {
    @Test func accentedPseudoLocaleKeepsCodesAndValuesAndGrowsEachUnit() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        // No translation at all: the pseudo-locale does not need one.
        TestSupport.remove(root + "/Locales")
        let run = try CLIRun.run(["build", "--locale", "en-XA", "--format", "html", "--root", root])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try TestSupport.read(root + "/Bundles/en-XA/news/week-of-rare-cancers.md")
        #expect(page.contains("# \\[Ŵééķ öƒ Ŕåŕé Çåñçéŕš one\\]"))
        // Values formatted as English formats them, codes (emphasis, strong, links) where they were.
        #expect(page.contains("ðéçļåŕéð March 8\u{2009}–\u{2009}14 ţö ƀé ţĥé *Ŵééķ öƒ Ŕåŕé Çåñçéŕš*"))
        #expect(page.contains("130,000 þéöþļé"))
        #expect(page.contains("**éṽéŕý**"))
        #expect(page.contains("date: 2021-03-08\ndate_localized: \"March 8, 2021\""))
        // The Dutch-written page too: every source document builds.
        let story = try TestSupport.read(root + "/Bundles/en-XA/verhalen/expertisecentra-zeldzame-kanker.md")
        #expect(
            story.contains("ðåţ öþ January 15, 2021 ṽåñ šţåŕţ ĝîñĝ, ķŕîĵĝţ €3,400,000.00 öɱ"), "\(story.prefix(600))")
        #expect(
            try TestSupport.read(root + "/Bundles/en-XA/news/week-of-rare-cancers.html").contains(
                "<html lang=\"en-XA\" dir=\"ltr\">"))
    }

    @Test func accentedUnitsAreBracketedAndAboutAThirdLonger() throws {
        let tag = try #require(LocaleTag("en-XA"))
        let pseudo = try #require(PseudoLocale(tag))
        let source = Segment([
            .text("Read the "), .start("1"), .text("latest news"), .end("1"), .text(" on "), .placeholder("2"),
            .text("."),
        ])
        let pseudoText = pseudo.transform(source)
        #expect(pseudoText.codeIDs == source.codeIDs)
        #expect(pseudoText.pieces.first == .text("[Ŕéåð ţĥé "))
        #expect(pseudoText.pieces.last == .text(". one tw]"))
        let growth = Double(pseudoText.plainText.count) / Double(source.plainText.count)
        #expect(growth > 1.3 && growth < 1.45, "\(growth)")
    }

    @Test func rightToLeftPseudoLocaleMirrorsTextAndFormatsValuesInArabic() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let run = try CLIRun.run(["build", "--locale", "ar-XB", "--format", "html", "--root", root])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try TestSupport.read(root + "/Bundles/ar-XB/news/week-of-rare-cancers.md")
        #expect(page.contains("# \u{200F}\u{202E}Week of Rare Cancers\u{202C}\u{200F}\n"))
        #expect(page.contains("**\u{202E}every\u{202C}**"))
        #expect(page.contains("\u{202C}٨–١٤ مارس\u{202E}"), "the date range is not formatted as Arabic formats it")
        #expect(page.contains("date_localized: \"٨ مارس ٢٠٢١\""))
        let html = try TestSupport.read(root + "/Bundles/ar-XB/news/week-of-rare-cancers.html")
        #expect(html.contains("<html lang=\"ar-XB\" dir=\"rtl\">"))
        #expect(html.contains("<strong>\u{202E}every\u{202C}</strong>"))
    }

    @Test func htmlDocumentsBuildInPseudoLocalesWithTheirLanguageAndDirection() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            """
            <!DOCTYPE html>
            <html lang="en"><head><title>Hello</title></head>
            <body><p>We had <b>{130000, number}</b> readers.</p><img src="a.png" alt="A picture"></body></html>

            """, to: root + "/Sources-EN/page.html")
        #expect(try CLIRun.run(["build", "--locale", "en-XA", "--root", root]).status == 0)
        let accented = try TestSupport.read(root + "/Bundles/en-XA/page.html")
        #expect(accented.contains("<html lang=\"en-XA\""), "\(accented)")
        #expect(
            accented.contains("<p>[Ŵé ĥåð <b>130,000</b> ŕéåðéŕš. one]</p><img src=\"a.png\" alt=\"[Å þîçţûŕé]\">"),
            "\(accented)")
        #expect(try CLIRun.run(["build", "--locale", "ar-XB", "--root", root]).status == 0)
        let mirrored = try TestSupport.read(root + "/Bundles/ar-XB/page.html")
        #expect(mirrored.contains("<html lang=\"ar-XB\" dir=\"rtl\">"), "\(mirrored)")
        #expect(mirrored.contains("<b>١٣٠٬٠٠٠</b>"))
    }

    @Test func pseudoLocalesNeedNotBeTargets() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let wrong = try CLIRun.run(["build", "--locale", "de", "--root", root])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("choose from: en, nl, all, en-XA, ar-XB"), "\(wrong.stderr)")
    }
}
