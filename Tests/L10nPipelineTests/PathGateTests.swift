import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// A symbolic link at every level of a project, leading outside it, against every command: nothing outside
/// is read or written, and the run says which link it refused.
@Suite struct PathGateTests {
    static let levels = [
        "ccl10n.yml", "Sources-EN", "Sources-EN/news", "Sources-EN/news/open-day.md",
        "Locales", "Locales/nl", "Locales/nl/news", "Locales/nl/news/open-day.md.xlf", "Locales/tm",
        "Locales/tm/en-nl.tmx",
        "Locales/glossary.yml", "Bundles", "Bundles/nl", "Bundles/nl/news", "Bundles/nl/news/open-day.md",
        "Bundles/nl/manifest.json", "Bundles/report", ".ccl10n", ".ccl10n/lock", ".ccl10n/build-nl.cache",
        ".ccl10n/extract.cache", ".ccl10n/tm-en-nl.stamp",
    ]

    /// Every command a user runs on a project (`tm import` of a TMX from elsewhere).
    static func commands(agency: String) -> [[String]] {
        [
            ["extract"], ["extract", "--check"], ["build", "--locale", "nl", "--format", "html"], ["status", "--json"],
            ["check", "--json"], ["report"], ["tm", "import", agency],
        ]
    }

    @Test(arguments: levels)
    func aSymbolicLinkOutOfTheProjectIsRefusedByEveryCommand(level: String) throws {
        let root = try HostileProjectTests.translatedProject()
        let outside = try TestSupport.temporaryFolder()
        defer {
            TestSupport.remove(root)
            TestSupport.remove(outside)
        }
        try TestSupport.write(
            "sources:\n  - path: Sources-EN\n    locale: en\ntargets: [en, nl]\n", to: root + "/ccl10n.yml")
        try TestSupport.write("terms:\n  - en: labs\n    nl: labs\n", to: root + "/Locales/glossary.yml")
        try TestSupport.write("<report/>", to: root + "/Bundles/report/index.html")
        // The memory and the caches exist: a second extract harvests the translations, a build caches.
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
        #expect(try CLIRun.run(["build", "--locale", "nl", "--format", "html", "--root", root]).status == 0)
        for path in [level] { #expect(FileStore.exists(root + "/" + path), "\(path) was not made") }

        // The level moves outside, marked so that a read shows in what the runs write or print; a link replaces it.
        let target = outside + "/moved"
        #expect(rename(root + "/" + level, target) == 0)
        for file in Self.allFiles(under: outside) {
            let text = try TestSupport.read(file)
            try TestSupport.write(
                text.replacing("Welcome", with: "SECRET Welcome").replacing("Welkom", with: "SECRET Welkom"), to: file)
        }
        #expect(symlink(target, root + "/" + level) == 0)
        let agency = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(agency) }
        try TestSupport.write(
            """
            <?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>We do research.</seg></tuv><tuv xml:lang="nl"><seg>Wij onderzoeken.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>A new sentence.</seg></tuv><tuv xml:lang="nl"><seg>Een nieuwe zin.</seg></tuv></tu>
            </body></tmx>
            """, to: agency + "/a.tmx")
        let before = try Self.contents(outside)

        var errors = ""
        for command in Self.commands(agency: agency + "/a.tmx") {
            let run = try CLIRun.run(command + ["--root", root], timeout: 120)
            #expect(!run.timedOut, "\(command)")
            #expect(!run.stdout.contains("SECRET"), "\(level): \(command) printed what it read outside")
            errors += run.stderr
            // A refused link is the environment's problem, not the content's: exit 2, whatever the command.
            if run.stderr.contains("error: a symbolic link makes this path lead outside the project") {
                #expect(run.status == 2, "\(level): \(command) exited \(run.status)")
            }
        }
        #expect(try Self.contents(outside) == before, "\(level): a command wrote or deleted outside the project")
        for (path, bytes) in try Self.contents(root) {
            #expect(
                !String(decoding: bytes, as: UTF8.self).contains("SECRET"),
                "\(level): \(path) holds what was read outside")
        }
        // Links inside a source root are never followed (the walk skips them); every other one is refused aloud.
        if !level.hasPrefix("Sources-EN/") {
            #expect(errors.contains("outside the project"), "\(level): no command refused the link: \(errors)")
        }
    }

    /// The gate itself: `..`, a link leading nowhere and a link outside are refused; links inside are fine.
    @Test func theGateRefusesWhatLeadsOut() throws {
        try Self.withProjectAndOutside { (project: Project, root: String, outside: String) throws in
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/../../x") }
            #expect(symlink(outside + "/gone", root + "/Locales") == 0)
            #expect(throws: DiagnosticError.self) { try project.contained("Locales/nl/a.md.xlf") }
            unlink(root + "/Locales")
            #expect(symlink(outside, root + "/Locales") == 0)
            #expect(throws: DiagnosticError.self) { try project.contained("Locales/nl/a.md.xlf") }
            unlink(root + "/Locales")
            #expect(symlink("Sources-EN", root + "/Locales") == 0)
            #expect(try project.contained("Locales/a.md") == root + "/Locales/a.md")
            #expect(try project.contained("Locales/new/b.xlf") == root + "/Locales/new/b.xlf")
        }
    }

    /// Once a folder is resolved, its entries are looked up by name in it: a link among them that leads out
    /// (to a file or a folder) is still refused, one inside still followed, a missing one still allowed.
    @Test func aResolvedFolderStillRefusesItsLinksOut() throws {
        try Self.withProjectAndOutside { (project: Project, root: String, outside: String) throws in
            try TestSupport.write("Secret.\n", to: outside + "/b.md")
            let (path, status) = try project.containedStatus("Sources-EN/a.md")
            #expect(path == root + "/Sources-EN/a.md")
            #expect(status.map { Int($0.st_size) } == 7)

            #expect(symlink(outside + "/b.md", root + "/Sources-EN/b.md") == 0)
            #expect(symlink(outside, root + "/Sources-EN/out") == 0)
            #expect(symlink("a.md", root + "/Sources-EN/c.md") == 0)
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/b.md") }
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/out") }
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/out/b.md") }
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/out/new.md") }
            #expect(throws: DiagnosticError.self) { try project.contained("Sources-EN/./../x") }
            // A link inside is followed, but its status is not the gate's to give (it is the link's).
            #expect(try project.containedStatus("Sources-EN/c.md").status == nil)
            #expect(try project.contained("Sources-EN/new.md") == root + "/Sources-EN/new.md")
            #expect(try project.containedStatus("Sources-EN/new.md").status == nil)
        }
    }

    /// Two roots that hold the same path collide (their XLIFF files and pages would); one root never does.
    @Test func documentsOfTwoRootsWithOnePathCollide() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        for path in ["Sources-EN/a.md", "Sources-EN/b.md", "Docs-EN/a.md"] {
            try TestSupport.write("Hello.\n", to: root + "/" + path)
        }
        try TestSupport.write("targets: [en, nl]\n", to: root + "/ccl10n.yml")
        #expect(try Project(root: root).documents(in: nil).collisions.isEmpty)
        try TestSupport.write(
            "sources:\n  - path: Sources-EN\n    locale: en\n  - path: Docs-EN\n    locale: en\ntargets: [en, nl]\n",
            to: root + "/ccl10n.yml")
        let collisions = try Project(root: root).documents(in: nil).collisions
        #expect(collisions.count == 1)
        #expect(collisions.first?.message.contains("has the same path as") == true)
        // A root listed twice lists each of its paths twice.
        try TestSupport.write(
            "sources:\n  - path: Sources-EN\n    locale: en\n  - path: Sources-EN\n    locale: en\ntargets: [en, nl]\n",
            to: root + "/ccl10n.yml")
        #expect(try Project(root: root).documents(in: nil).collisions.count == 2)
    }

    /// Past the folders the gate keeps open, entries are looked up by whole path, and refused all the same.
    @Test func foldersPastTheOpenOnesAreResolvedAlike() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        for folder in ["a", "b"] { try TestSupport.write("Hello.\n", to: root + "/\(folder)/a.md") }
        let folders = FolderCache(maximumOpen: 1)
        #expect(folders.folder(root + "/a")?.descriptor != nil)
        #expect(folders.folder(root + "/b")?.descriptor == nil)
        #expect(folders.folder(root + "/b")?.status(of: "a.md") == nil)
        #expect(folders.folder(root + "/a")?.status(of: "a.md").map { Int($0.st_size) } == 7)
        #expect(folders.folder(root + "/missing") == nil)
    }

    /// `ccl10n init` writes through the gate too: a `Sources-NL` linked outside is refused, nothing written there.
    @Test func initRefusesALinkOutOfTheProject() throws {
        let root = try TestSupport.temporaryFolder()
        let outside = try TestSupport.temporaryFolder()
        defer {
            TestSupport.remove(root)
            TestSupport.remove(outside)
        }
        #expect(symlink(outside, root + "/Sources-NL") == 0)
        let run = try CLIRun.run(["init", "--root", root])
        #expect(run.status == 2, "\(run.status) \(run.stderr)")
        #expect(run.stderr.contains("outside the project"), "\(run.stderr)")
        #expect(Self.allFiles(under: outside).isEmpty)
        #expect(!FileStore.exists(root + "/ccl10n.yml"))
    }

    /// A project of one document (`Sources-EN/a.md`) and a folder outside it, both removed after `body`.
    static func withProjectAndOutside(_ body: (Project, _ root: String, _ outside: String) throws -> Void) throws {
        let root = try TestSupport.temporaryFolder()
        let outside = try TestSupport.temporaryFolder()
        defer {
            TestSupport.remove(root)
            TestSupport.remove(outside)
        }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/a.md")
        try body(try Project(root: root), root, outside)
    }

    /// Every file below a folder, hidden ones included, with its bytes (symbolic links are not followed).
    static func contents(_ folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for file in allFiles(under: folder) { result[file] = try FileStore.read(file) ?? [] }
        return result
    }

    static func allFiles(under folder: String) -> [String] {
        var status = stat()
        guard lstat(folder, &status) == 0 else { return [] }
        if (status.st_mode & S_IFMT) == S_IFREG { return [folder] }
        guard (status.st_mode & S_IFMT) == S_IFDIR,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.sorted().flatMap { allFiles(under: folder + "/" + $0) }
    }
}
