import Testing

@testable import L10nPipeline

/// `output: { layout, site }`: where build puts each document, and what it adds for the generator.
@Suite struct SiteLayoutTests {
    @Test func eachLayoutPutsTheDocumentWhereItsGeneratorReadsIt() throws {
        let nl = try #require(LocaleTag("nl"))
        let expected: [(SiteLayout.Kind, String)] = [
            (.plain, "Bundles/nl/news/week.md"),
            (.hugo, "site/content/nl/news/week.md"),
            (.hugoSuffix, "site/content/news/week.nl.md"),
            (.jekyll, "site/nl/news/week.md"),
        ]
        for (kind, path) in expected {
            #expect(SiteLayout(kind: kind).path(of: "news/week.md", in: nl) == path)
        }
        #expect(SiteLayout(kind: .hugo, site: "web").path(of: "a.md", in: nl) == "web/content/nl/a.md")
    }

    @Test func frontMatterGetsLangAndTranslationKeyAndKeepsTheAuthorsKeys() throws {
        let nl = try #require(LocaleTag("nl"))
        let layout = SiteLayout(kind: .jekyll)
        let withFrontMatter = Array("---\ntitle: Week\ntranslationKey: mine\n---\n\nText.\n".utf8)
        #expect(
            String(decoding: layout.finish(withFrontMatter, documentPath: "news/week.md", locale: nl), as: UTF8.self)
                == "---\ntitle: Week\ntranslationKey: mine\nlang: nl\n---\n\nText.\n")
        let without = Array("# Week\r\n".utf8)
        #expect(
            String(decoding: layout.finish(without, documentPath: "news/week.md", locale: nl), as: UTF8.self)
                == "---\r\nlang: nl\r\ntranslationKey: news/week\r\n---\r\n# Week\r\n")
        let arabic = try #require(LocaleTag("ar"))
        #expect(
            String(decoding: layout.finish(without, documentPath: "a.md", locale: arabic), as: UTF8.self).contains(
                "direction: rtl"))
        // The plain layout adds nothing: a plain bundle is the source, byte for byte.
        #expect(SiteLayout.plain.finish(without, documentPath: "news/week.md", locale: nl) == without)
    }

    @Test func outputSettingsAreReadAndCheckedWithPositions() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        let path = root + "/ccl10n.yml"
        let (config, _) = try ProjectConfig.parse(
            Array("output: { layout: hugo-suffix, site: web }\n".utf8), path: path)
        #expect(config.layout == SiteLayout(kind: .hugoSuffix, site: "web"))
        #expect(throws: DiagnosticError.self) {
            try ProjectConfig.parse(Array("output: { layout: gatsby }\n".utf8), path: path)
        }
        do throws(DiagnosticError) {
            _ = try ProjectConfig.parse(Array("output:\n  layout: gatsby\n  site: ../up\n".utf8), path: path)
            Issue.record("an unknown layout was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(
                messages.contains {
                    $0.hasPrefix(path + ":2:11: error: layout must be one of plain, hugo, hugo-suffix, jekyll")
                }, "\(messages)")
            #expect(
                messages.contains {
                    $0.hasPrefix(path + ":3:9: error: the site folder '../up' leads outside the project")
                }, "\(messages)")
        }
    }

    /// A typo in a source folder's name used to give "0 documents" and exit 0.
    @Test func aSourceFolderThatDoesNotExistIsAnErrorAtItsLine() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        try TestSupport.write(
            "sources:\n  - path: Sources-EN\n    locale: en\n  - path: Sources-Nl\n    locale: nl\n",
            to: root + "/ccl10n.yml")
        let run = try CLIRun.run(["extract", "--root", root])
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("\(root)/ccl10n.yml:4:11: error: source folder 'Sources-Nl' does not exist"),
            "\(run.stderr)")
    }

    @Test(arguments: ["plain", "hugo", "hugo-suffix", "jekyll"])
    func initWritesAMatchingConfiguration(layout: String) throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let run = try CLIRun.run(["init", "--root", root, "--layout", layout])
        #expect(run.status == 0, "\(run.stderr)")
        let project = try Project(root: root)
        #expect(project.config.layout.kind.rawValue == layout)
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "all", "--root", root]).status == 0)
        let english = try #require(project.documents().first)
        let built = try TestSupport.read(root + "/" + project.bundlePath(english, try #require(LocaleTag("nl"))))
        #expect(built.contains("This page was written on"))
        #expect(built.contains("lang: nl") == (layout != "plain"))
    }

    /// A site's folders hold the site's own pages too: only files a previous build wrote (its manifest's `file`)
    /// are removed when their document goes away.
    @Test func staleSitePagesAreRemovedAndTheSitesOwnFilesKept() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        try TestSupport.write("output: { layout: hugo-suffix }\n", to: root + "/ccl10n.yml")
        try TestSupport.write("---\ntitle: About\n---\nOurs.\n", to: root + "/site/content/about.nl.md")
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", root]).status == 0)
        #expect(FileStore.exists(root + "/site/content/news/week-of-rare-cancers.nl.md"))
        TestSupport.remove(root + "/Sources-EN/news/week-of-rare-cancers.md")
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", root]).status == 0)
        #expect(!FileStore.exists(root + "/site/content/news/week-of-rare-cancers.nl.md"))
        #expect(FileStore.exists(root + "/site/content/verhalen/expertisecentra-zeldzame-kanker.nl.md"))
        #expect(FileStore.exists(root + "/site/content/about.nl.md"))
    }
}
