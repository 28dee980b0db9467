import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile places and failures around a project, run through the built `ccl10n` as a user runs it: FIFOs,
/// folders that are not projects, file names with URL and HTML syntax, bad inputs next to good pages, a full
/// disk, killed runs. Each gets a clear error (exit 2 for the environment) or correct output, never a hang,
/// and never a good page lost.
@Suite struct HostileProjectTests {
    /// A small project: two English documents, extracted, translated into Dutch and built as HTML.
    static func translatedProject() throws -> String {
        let root = try TestSupport.temporaryFolder()
        try TestSupport.write(
            "---\ntitle: \"Open day\"\n---\n\n# Open day\n\nWelcome to {3, number} labs.\n",
            to: root + "/Sources-EN/news/open-day.md")
        try TestSupport.write("# About\n\nWe do research.\n", to: root + "/Sources-EN/about.md")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        try TestSupport.translate(
            root + "/Locales/nl/news/open-day.md.xlf",
            [
                "Open day": "Open dag",
                "Welcome to <x id=\"1\" ctype=\"x-value\" equiv-text=\"3\"/> labs.":
                    "Welkom in <x id=\"1\" ctype=\"x-value\" equiv-text=\"3\"/> labs.",
            ])
        try TestSupport.translate(
            root + "/Locales/nl/about.md.xlf", ["About": "Over ons", "We do research.": "Wij doen onderzoek."])
        let build = try CLIRun.run(["build", "--locale", "nl", "--format", "html", "--root", root])
        #expect(build.status == 0, "\(build.stderr)")
        return root
    }

    @Test func aFIFOIsRefusedNotWaitedOn() throws {
        let root = try Self.translatedProject()
        defer { TestSupport.remove(root) }
        #expect(mkfifo(root + "/agency.tmx", 0o644) == 0)
        let tm = try CLIRun.run(["tm", "import", root + "/agency.tmx", "--root", root], timeout: 30)
        #expect(!tm.timedOut, "tm import waited on a FIFO")
        #expect(tm.status == 2 && tm.stderr.contains("not a regular file"), "\(tm.stderr)")
        // The same in the project's own places: an XLIFF file that is a FIFO.
        let xliff = root + "/Locales/nl/about.md.xlf"
        unlink(xliff)
        #expect(mkfifo(xliff, 0o644) == 0)
        let extract = try CLIRun.run(["extract", "--root", root], timeout: 30)
        #expect(!extract.timedOut, "extract waited on a FIFO")
        #expect(extract.stderr.contains("not a regular file"), "\(extract.stderr)")
        let validate = try CLIRun.run(["validate", xliff], timeout: 30)
        #expect(!validate.timedOut, "validate waited on a FIFO")
        #expect(validate.status == 2 && validate.stderr.contains("not a regular file"), "\(validate.stderr)")
    }

    @Test(arguments: [
        ["extract"], ["build", "--locale", "nl"], ["status"], ["check"], ["report"], ["tm", "import", "x.tmx"],
    ])
    func aFolderThatIsNotAProjectIsRefused(command: [String]) throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("unrelated\n", to: root + "/notes.txt")
        let run = try CLIRun.run(command + ["--root", root])
        #expect(run.status == 2, "\(command): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("not a ccl10n project"), "\(run.stderr)")
        #expect(FileStore.files(under: root) == ["notes.txt"])
        #expect(!FileStore.exists(root + "/.ccl10n"))
    }

    /// Page names with URL and HTML syntax link to their own page, never to a scheme, a fragment or a query.
    @Test func fileNamesNeverBecomeLiveLinks() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let names = ["javascript:alert(1);x.md", "a#b?c%20d.md", "q\"><b>&amp;.md", "sub/data:text,x.md"]
        for name in names { try TestSupport.write("# Title\n\nText.\n", to: root + "/Sources-EN/" + name) }
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        let build = try CLIRun.run(["build", "--locale", "all", "--format", "html", "--root", root])
        #expect(build.status == 0, "\(build.stderr)")
        let index = try TestSupport.read(root + "/Bundles/nl/index.html")
        let hrefs = Self.hrefs(in: index)
        #expect(hrefs.count == names.count, "\(hrefs)")
        for href in hrefs {
            #expect(href.hasPrefix("./"), "\(href) could be read as a scheme")
            #expect(!href.contains(where: { ":#?\"<>&;".contains($0) }), "\(href) is not percent-encoded")
            let page = try #require(Self.percentDecoded(href), "\(href)")
            #expect(FileStore.exists(root + "/Bundles/nl/" + page), "\(href) leads to no page")
        }
        // The other locale's page, as each page names it.
        let page = try TestSupport.read(root + "/Bundles/nl/sub/data:text,x.html")
        for href in Self.hrefs(in: page) {
            #expect(href.hasPrefix("../"), "\(href)")
            #expect(!href.contains(":"), "\(href)")
            #expect(Self.percentDecoded(href) == "../../en/sub/data:text,x.html")
        }
    }

    static func hrefs(in html: String) -> [String] {
        html.split(separator: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// One bad input never removes that document's published pages: the last good ones stay, listed in the
    /// manifest, and the error says so.
    @Test(arguments: ["truncated XLIFF", "unclosed quote in front matter", "XLIFF symlinked outside"])
    func aBadInputKeepsTheLastGoodPage(breakage: String) throws {
        let root = try Self.translatedProject()
        let outside = try TestSupport.temporaryFolder()
        defer {
            TestSupport.remove(root)
            TestSupport.remove(outside)
        }
        let pages = ["Bundles/nl/news/open-day.md", "Bundles/nl/news/open-day.html"]
        let before = try pages.map { try TestSupport.read(root + "/" + $0) }
        #expect(before[0].contains("Welkom in 3 labs."))
        let xliff = root + "/Locales/nl/news/open-day.md.xlf"
        switch breakage {
        case "truncated XLIFF":
            try TestSupport.write(String(try TestSupport.read(xliff).dropLast(40)), to: xliff)
        case "unclosed quote in front matter":
            let source = root + "/Sources-EN/news/open-day.md"
            try TestSupport.write(
                try TestSupport.read(source).replacing("\"Open day\"", with: "\"Open day"), to: source)
        default:
            try TestSupport.write(try TestSupport.read(xliff), to: outside + "/open-day.md.xlf")
            unlink(xliff)
            #expect(symlink(outside + "/open-day.md.xlf", xliff) == 0)
        }
        let build = try CLIRun.run(["build", "--locale", "nl", "--format", "html", "--root", root])
        #expect(build.status != 0)
        #expect(build.stderr.contains("error:"), "\(build.stderr)")
        #expect(build.stderr.contains("the last good page is kept"), "\(build.stderr)")
        #expect(try pages.map { try TestSupport.read(root + "/" + $0) } == before)
        let manifest = try TestSupport.read(root + "/Bundles/nl/manifest.json")
        #expect(manifest.contains("\"path\" : \"news/open-day.md\""))
        #expect(try TestSupport.read(root + "/Bundles/nl/index.html").contains("news/open-day.html"))
    }

    /// `status --json` counts as publishable exactly what build publishes: a translation that a check holds
    /// back (its value is missing) is publishable in neither.
    @Test func statusEqualsTheManifest() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("# Labs\n\nWelcome to {3, number} labs in our building.\n", to: root + "/Sources-EN/a.md")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        try TestSupport.translate(
            root + "/Locales/nl/a.md.xlf",
            [
                "Labs": "Labs",
                "Welcome to <x id=\"1\" ctype=\"x-value\" equiv-text=\"3\"/> labs in our building.":
                    "Welkom in de labs van ons gebouw.",
            ])
        _ = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        let manifest = try TestSupport.read(root + "/Bundles/nl/manifest.json")
        let status = try CLIRun.run(["status", "--json", "--root", root])
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(status.stdout.utf8))
        let entry = try JSONDecoder().decode(Manifest.self, from: Data(manifest.utf8)).documents[0]
        let document = try #require(report.locales.first { $0.locale == "nl" }?.documents.first)
        #expect(
            document.publishableWords == entry.translatedWords,
            "status \(document.publishableWords), manifest \(entry.translatedWords)")
        #expect(document.wouldPublish == !entry.fallback)
    }

    /// On the sample content, in both locales, every document's figures in `status --json` are the manifest's.
    @Test func statusEqualsTheManifestOnTheSample() throws {
        let root = try TestSupport.sampleProject()
        defer { TestSupport.remove(root) }
        #expect(try CLIRun.run(["build", "--locale", "all", "--root", root]).status == 0)
        let status = try CLIRun.run(["status", "--json", "--root", root])
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(status.stdout.utf8))
        var compared = 0
        for locale in report.locales {
            let manifest = try JSONDecoder().decode(
                Manifest.self, from: Data(try TestSupport.read(root + "/Bundles/\(locale.locale)/manifest.json").utf8))
            for document in locale.documents {
                let entry = try #require(manifest.documents.first { $0.path == document.path }, "\(document.path)")
                #expect(document.publishableWords == entry.translatedWords, "\(locale.locale) \(document.path)")
                #expect(
                    document.words == entry.words && document.units == entry.units, "\(locale.locale) \(document.path)")
                #expect(document.wouldPublish == !entry.fallback, "\(locale.locale) \(document.path)")
                compared += 1
            }
        }
        #expect(compared >= 2)
    }

    /// A TMX from outside cannot claim an in-context match (which publishes without review) by naming a
    /// document: imported entries are exact matches to review, at most.
    @Test func importedEntriesAreNeverInContext() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("Welcome to our labs.\n", to: root + "/Sources-EN/a.md")
        try TestSupport.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
            <body><tu><prop type="x-document">a.md</prop><tuv xml:lang="en"><seg>Welcome to our labs.</seg></tuv><tuv xml:lang="nl"><seg>Kwaadaardig.</seg></tuv></tu></body></tmx>
            """, to: root + "/agency.tmx")
        let tm = try CLIRun.run(["tm", "import", root + "/agency.tmx", "--root", root])
        #expect(tm.status == 0, "\(tm.stderr)")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        let xliff = try TestSupport.read(root + "/Locales/nl/a.md.xlf")
        #expect(xliff.contains("Kwaadaardig."))
        #expect(xliff.contains("state=\"needs-review-translation\""), "\(xliff)")
        #expect(!xliff.contains("leveraged-inherited"))
        _ = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        #expect(!(try TestSupport.read(root + "/Bundles/nl/a.md")).contains("Kwaadaardig"))
    }

    /// Temporary files a killed run left (its rename never came) are removed by the next run.
    @Test func leftoversOfAKilledRunAreRemoved() throws {
        let root = try Self.translatedProject()
        defer { TestSupport.remove(root) }
        let leftovers = [
            "Bundles/nl/news/.ccl10n-tmp-99999-open-day.html", "Bundles/nl/.ccl10n-tmp-99999-manifest.json",
            "Locales/nl/news/.ccl10n-tmp-99999-open-day.md.xlf", ".ccl10n/.ccl10n-tmp-99999-build-nl.json",
        ]
        for path in leftovers { try TestSupport.write("half", to: root + "/" + path) }
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "nl", "--format", "html", "--root", root]).status == 0)
        for path in leftovers { #expect(!FileStore.exists(root + "/" + path), "\(path) is still there") }
    }

    /// A write that fails is an environment error: exit 2, the system's reason in words, and no "wrote" line
    /// or count for the file that was not written.
    @Test func aFailedWriteExitsTwoAndIsNotReportedWritten() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/news/a.md")
        // A file where a folder must be: every write below it fails.
        try TestSupport.write("in the way\n", to: root + "/Locales/nl")
        let extract = try CLIRun.run(["extract", "--root", root])
        #expect(extract.status == 2, "\(extract.status) \(extract.stderr)")
        #expect(!extract.stdout.contains("wrote Locales/nl"), "\(extract.stdout)")
        #expect(extract.stdout.contains(" 0 files written"), "\(extract.stdout)")
        #expect(!extract.stderr.contains("Error Domain") && !extract.stderr.contains("CocoaError"), "\(extract.stderr)")
        #expect(
            extract.stderr.contains("Not a directory") || extract.stderr.contains("File exists"), "\(extract.stderr)")
        unlink(root + "/Locales/nl")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        try TestSupport.write("in the way\n", to: root + "/Bundles/nl")
        let build = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        #expect(build.status == 2, "\(build.status) \(build.stderr)")
        #expect(build.stdout.contains(" 0 files written"), "\(build.stdout)")
        #expect(!build.stderr.contains("Error Domain") && !build.stderr.contains("CocoaError"), "\(build.stderr)")
    }

    /// Content errors point at the line they are on, not at nothing or at 1:1.
    @Test func errorsArePositioned() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        var bytes = Array("# Title\n\nGood line.\nBad \u{e9}".utf8)
        bytes[bytes.count - 2] = 0xFF
        try FileStore.writeAtomically(bytes + Array(" here.\n".utf8), to: root + "/Sources-EN/a.md")
        let extract = try CLIRun.run(["extract", "--root", root])
        #expect(extract.status == 1)
        #expect(extract.stderr.contains("Sources-EN/a.md:4:5: error:"), "\(extract.stderr)")
        try TestSupport.write(
            "<?xml version=\"1.0\"?>\n<!-- an agency's export -->\n<memory><body/></memory>\n", to: root + "/agency.tmx"
        )
        let tm = try CLIRun.run(["tm", "import", root + "/agency.tmx", "--root", root])
        #expect(tm.status == 1)
        #expect(tm.stderr.contains("agency.tmx:3: error: not a TMX file"), "\(tm.stderr)")
    }

    /// A value a megabyte long is named in an error by its beginning and end, not repeated in full.
    @Test func errorsDoNotRepeatHugeValues() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        let huge = String(repeating: "9", count: 1_000_000)
        try TestSupport.write(
            "Costs {\(huge) XYZ, currency} today.\n\nAnd {\(huge)x, number}.\n", to: root + "/Sources-EN/a.md")
        let run = try CLIRun.run(["extract", "--root", root])
        #expect(run.status == 1)
        #expect(run.stderr.contains("a.md:1:"), "\(run.stderr.prefix(300))")
        #expect(run.stderr.utf8.count < 4_000, "\(run.stderr.utf8.count) bytes of errors")
    }

    /// A full disk (a 256 KiB tmpfs): extract and build fail with the system's reason and exit 2, the files
    /// already there stay as they were, and nothing half-written is left. Needs permission to mount.
    @Test func aFullDiskLeavesEveryFileAsItWas() throws {
        let mountPoint = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(mountPoint) }
        guard mount("tmpfs", mountPoint, "tmpfs", 0, "size=256k") == 0 else {
            print(
                "skipped: cannot mount a tmpfs here (\(String(cString: strerror(errno)))); the full-disk test needs it")
            return
        }
        defer { umount(mountPoint) }
        let root = mountPoint + "/project"
        try TestSupport.write("# Small\n\nA small page.\n", to: root + "/Sources-EN/small.md")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "nl", "--root", root]).status == 0)
        let before = try TestSupport.snapshot(root)
        // 200 KiB of sentences: their XLIFF files cannot fit beside the source.
        let text = (0..<2_000).map { "Sentence number \($0) of the long page.\n\n" }.joined()
        try TestSupport.write(text, to: root + "/Sources-EN/long.md")
        try TestSupport.write("# Small\n\nA small page, changed.\n", to: root + "/Sources-EN/small.md")
        let extract = try CLIRun.run(["extract", "--root", root])
        #expect(extract.status == 2, "\(extract.status) \(extract.stderr)")
        #expect(extract.stderr.contains("No space left on device"), "\(extract.stderr)")
        let after = try TestSupport.snapshot(root)
        for (path, bytes) in after where path.hasPrefix("Locales/") {
            #expect(
                bytes == before[path] || String(decoding: bytes, as: UTF8.self).hasSuffix("</xliff>\n"),
                "\(path) is half-written")
        }
        #expect(Self.temporaries(under: root).isEmpty)
        #expect(
            try TestSupport.read(root + "/Bundles/nl/small.md")
                == String(decoding: before["Bundles/nl/small.md"] ?? [], as: UTF8.self))
    }

    /// A read-only file system under `Bundles/` (a read-only tmpfs mounted there) is named as such, exit 2,
    /// never as a raw CocoaError. Needs permission to mount.
    @Test func aReadOnlyFileSystemIsNamed() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("# Small\n\nA small page.\n", to: root + "/Sources-EN/news/small.md")
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(mkdir(root + "/Bundles", 0o755) == 0)
        guard mount("tmpfs", root + "/Bundles", "tmpfs", UInt(MS_RDONLY), nil) == 0 else {
            print(
                "skipped: cannot mount a tmpfs here (\(String(cString: strerror(errno)))); the read-only test needs it")
            return
        }
        defer { umount(root + "/Bundles") }
        let build = try CLIRun.run(["build", "--locale", "nl", "--root", root])
        #expect(build.status == 2, "\(build.status) \(build.stderr)")
        #expect(build.stderr.contains("Read-only file system"), "\(build.stderr)")
        #expect(!build.stderr.contains("CocoaError") && !build.stderr.contains("Error Domain"), "\(build.stderr)")
        #expect(build.stdout.contains(" 0 files written"), "\(build.stdout)")
    }

    /// Every file below a folder whose name marks it as a write in progress, hidden ones included.
    static func temporaries(under root: String) -> [String] {
        var found: [String] = []
        func walk(_ folder: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names {
                var status = stat()
                guard lstat(folder + "/" + name, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR { walk(folder + "/" + name) }
                if name.hasPrefix(".ccl10n-tmp-") { found.append(folder + "/" + name) }
            }
        }
        walk(root)
        return found
    }
}
