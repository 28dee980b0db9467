import FoundationEssentials
import Testing

@testable import L10nPipeline

/// Pages whose text a translator changed, through extract and build as a user runs them: each case once
/// broke the page (issue 12).
struct TranslatedMarkdownTests {
    /// Link text hard-wrapped over two lines, as it is everywhere in real READMEs.
    @Test(arguments: [
        "See the [0.4.0\nrelease](https://github.com/example/MLCoder/releases/tag/0.4.0) or later.\n",
        "Read how to [contribute\ncode](https://swift.org/contributing/#contributing-code) to the project. It helps.\n",
        "- An item with a [wrapped\n  link](https://example.org/a) inside.\n",
    ])
    func hardWrappedLinkTextKeepsTheLink(markdown: String) throws {
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// Links and autolinks at the start of a lazy or continuation line, where cmark-gfm reports columns past
    /// the line's end (found in the READMEs of swift-async-algorithms and swift-dependencies).
    @Test(arguments: [
        // swift-async-algorithms, Evolution/0014-rate-limits.md (Apache-2.0)
        "# Rate Limiting\n"
            + "\n"
            + "* Proposal: [SAA-0014](https://github.com/apple/swift-async-algorithms/blob/main/Evolution/0014-rate-limits.md)\n"
            + "* Authors: [Philippe Hausler](https://github.com/phausler)\n"
            + "* Status: **Accepted**\n"
            + "* Implementation: \n"
            + "[\n"
            + "[Source](https://github.com/apple/swift-async-algorithms/blob/main/Sources/AsyncAlgorithms/AsyncDebounceSequence.swift) |\n"
            + "[Tests](https://github.com/apple/swift-async-algorithms/blob/main/Tests/AsyncAlgorithmsTests/TestDebounce.swift)\n"
            + "]\n"
            + "[\n"
            + "[Source](https://github.com/apple/swift-async-algorithms/blob/main/Sources/AsyncAlgorithms/AsyncThrottleSequence.swift) |\n",
        "You can learn more in depth about <doc:WhatAreDependencies> as well as\n<doc:UsingDependencies>. Once you are"
            + " comfortable with that you can learn about\n<doc:RegisteringDependencies> and finally, there are more,\n"
            + "such as <doc:DesigningDependencies>,\n<doc:OverridingDependencies>, <doc:Lifetimes> and <doc:Single>.\n",
    ])
    func linksAtTheStartOfAContinuationLineKeepTheirBytes(markdown: String) throws {
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// Inline HTML that runs over lines keeps its bytes (cmark-gfm's reported end drifts).
    @Test(arguments: [
        "Foo bar\n<a foo=\"bar\" bam = 'baz <em>\"</em>'\n_boolean zoop:33=zoop:33 />\n",
        "[foo]: /url\n\nSee [foo]\nand <?php echo $a; ?>\n",
    ])
    func inlineHTMLOverLinesKeepsItsBytes(markdown: String) throws {
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// A unit a translator kept as it is, is translated: no fallback marking, and the manifest agrees.
    @Test func targetEqualToSourceIsNotAFallback() throws {
        let markdown = "# COHERENT\n\n| Name | Erasmus MC |\n|---|---|\n| x | y |\n\n- Erasmus MC\n"
        let (page, _, entry) = try PseudoRoundTrip.translate(markdown, pseudo: false)
        #expect(page == markdown)
        #expect(entry?.fallbackUnits == [])
    }

    /// An autolink inside a container keeps its own bytes (not shifted by the `- ` or `> ` prefix).
    @Test(arguments: [
        "- Email: write to <mailto:info@example.org>.\n", "> Email: write to <mailto:info@example.org>.\n",
        "1. Email:\n   write to <https://example.org/x>.\n",
    ])
    func autolinkInAContainerIsNotShifted(markdown: String) throws {
        let xliff = try PseudoRoundTrip.translate(markdown).xliff
        #expect(
            xliff.contains("equiv-text=\"&lt;mailto:info@example.org&gt;\"")
                || xliff.contains("equiv-text=\"&lt;https://example.org/x&gt;\""),
            "\(xliff)")
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// A hard line break at a sentence boundary stays a `<br>`.
    @Test(arguments: ["First sentence here.  \nSecond sentence.\n", "First sentence here.\\\nSecond sentence.\n"])
    func hardBreakAtASentenceBoundaryIsKept(markdown: String) throws {
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// `***text***` is emphasis around strong text: the words reach the translator.
    @Test(arguments: ["Some ***two words*** here.\n", "Some ___two words___ here.\n"])
    func strongEmphasisKeepsItsWordsTranslatable(markdown: String) throws {
        let (page, xliff, _) = try PseudoRoundTrip.translate(markdown)
        #expect(xliff.contains("two words</g>"), "\(xliff)")
        #expect(page.contains(PseudoRoundTrip.pseudo("two words")), "\(page)")
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// Text a translator types comes out as the same text, whatever Markdown would make of it.
    @Test(arguments: [
        "### foo \\###\n", "## foo #\\##\n", "&#9;foo\n", "&#42;foo&#42;\n*foo*\n", "**foo*\n", "*foo**\n",
        "foo\\\\\n", "a &amp;b &copy; c\n", "1\\. not a list\n", "\\- not a list\n", "\\+ not a list\n",
        "a\\\n\\# b\n", "foo <b>\n",
    ])
    func escapedTextComesBackAsTyped(markdown: String) throws {
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// GFM's extended autolinks are codes, not words to translate.
    @Test func extendedAutolinksAreProtected() throws {
        let markdown = "Visit www.example.org or https://example.org/path?q=1 and write to info@example.org today.\n"
        let (page, xliff, _) = try PseudoRoundTrip.translate(markdown)
        for link in ["www.example.org", "https://example.org/path?q=1", "info@example.org"] {
            #expect(xliff.contains("equiv-text=\"\(link)\""), "\(link) is not a code: \(xliff)")
            #expect(page.contains(link), "\(page)")
        }
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// Link and image titles are text readers see: they are translated.
    @Test(arguments: [
        "A [link](https://example.org \"The title\") here.\n", "An ![image](a.png 'Its title') here.\n",
        "Quote [x](/u (paren title)) and [y](/v \"say \\\"hi\\\"\").\n",
    ])
    func linkTitlesAreTranslated(markdown: String) throws {
        let (page, xliff, _) = try PseudoRoundTrip.translate(markdown)
        #expect(
            xliff.contains("itle</source>") || xliff.contains("paren title</source>") || xliff.contains("say"),
            "\(xliff)")
        #expect(page.contains(PseudoRoundTrip.pseudo("title")), "\(page)")
        let (same, detail) = try PseudoRoundTrip.roundTrips(markdown)
        #expect(same, "\(detail)")
    }

    /// Inputs from a random mutation of the CommonMark examples on which cmark-gfm reports a text node ending
    /// before it starts: reading them once stopped the process.
    @Test(arguments: [
        "[bar\\\\]: /uri\n\n[bar\\\\]\n__foo _~_bar__ baz__\n",
        "[linhk](foo(and(bar)))~\n>     foo\n    ba~r",
        "  Foo *bar\nbaz*\t\n====\n-    foo|~\n\n  bar\n",
    ])
    func textEndingBeforeItStartsIsRead(markdown: String) throws {
        let (page, _, _) = try PseudoRoundTrip.translate(markdown)
        #expect(!page.isEmpty)
    }
}
