import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile XLIFF and hostile places: each gets a clear error or a safe behaviour, and nothing outside the
/// project is read or written.
@Suite struct HostileInputTests {
    static let unit = "<trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit>"
    static func xliff(_ body: String) -> String {
        "<?xml version=\"1.0\"?><xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"><file original=\"a.md\" source-language=\"en\" datatype=\"x\"><body>\(body)</body></file></xliff>"
    }

    @Test(arguments: [
        (
            "billion laughs",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xliff>&lol3;</xliff>",
            "DOCTYPE"
        ),
        (
            "external entity",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xliff>&e;</xliff>",
            "DOCTYPE"
        ),
        ("truncated", String(xliff(unit).dropLast(30)), "error"),
        ("not XML", "this is not XML at all", "error"),
        (
            "nested inline elements",
            xliff(
                "<trans-unit id=\"1\"><source>" + String(repeating: "<g id=\"1\">", count: 3000) + "x"
                    + String(repeating: "</g>", count: 3000) + "</source></trans-unit>"), "depth"
        ),
        ("duplicate ids", xliff(unit + unit), "used twice"),
    ])
    func hostileFilesGetAPositionedError(name: String, xml: String, message: String) {
        let problems = XLIFFValidator.validate(bytes: Array(xml.utf8), path: "\(name).xlf")
        let first = problems.first { $0.severity == .error }
        #expect(first != nil, "\(name) was accepted")
        #expect(
            first.map { $0.description.lowercased().contains(message.lowercased()) } == true, "\(name): \(problems)")
        #expect(first.map { $0.line > 0 } == true, "\(name) has no position: \(problems)")
    }

    @Test func invalidUTF8IsRefusedAndUTF16IsRead() throws {
        var bad = Array(Self.xliff(Self.unit).utf8)
        bad.insert(0xFF, at: bad.count - 40)
        #expect(XLIFFValidator.validate(bytes: bad, path: "bad.xlf").first?.severity == .error)
        let text = Self.xliff(Self.unit).replacing(
            "<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(XLIFFValidator.validate(bytes: utf16, path: "utf16.xlf").isEmpty)
        #expect(try XLIFFFile.parse(utf16, path: "utf16.xlf").storedUnits()["1"]?.target?.plainText == "b")
    }

    @Test func symbolicLinksOutOfTheProjectAreRefused() throws {
        let root = try TestSupport.temporaryFolder()
        let outside = try TestSupport.temporaryFolder()
        defer {
            unlink(root + "/Bundles/nl")
            TestSupport.remove(root)
            TestSupport.remove(outside)
        }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/a.md")
        try TestSupport.write("secret\n", to: outside + "/secret.xlf")
        // Locales/nl leads outside: extract must neither read nor write there.
        try TestSupport.write("x", to: root + "/Locales/placeholder")
        #expect(symlink(outside, root + "/Locales/nl") == 0)
        let report = Extractor(project: try Project(root: root)).run()
        #expect(report.diagnostics.contains { $0.message.contains("lead outside the project") })
        #expect(FileStore.files(under: outside) == ["secret.xlf"])
        // Bundles/nl leads outside: build writes nothing there.
        #expect(unlink(root + "/Locales/nl") == 0)
        _ = Extractor(project: try Project(root: root)).run()
        try TestSupport.write("x", to: root + "/Bundles/placeholder")
        #expect(symlink(outside, root + "/Bundles/nl") == 0)
        let build = Builder(project: try Project(root: root)).run(locale: .dutch)
        #expect(build.hasErrors)
        #expect(FileStore.files(under: outside) == ["secret.xlf"])
    }

    @Test func aSecondRunWaitsForNoOneAndSaysWhy() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("Hello.\n", to: root + "/Sources-EN/a.md")
        let project = try Project(root: root)
        do {
            let lock = try ProjectLock(project: project)
            let run = try CLIRun.run(["extract", "--root", root])
            #expect(run.status == 2)
            #expect(run.stderr.contains("another ccl10n run (process \(getpid()))"))
            withExtendedLifetime(lock) {}
        }
        // Released with its holder: the next run goes ahead.
        #expect(try CLIRun.run(["extract", "--root", root]).status == 0)
    }
}
