import FoundationEssentials
import Testing

@testable import L10nPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// A project of one English document (paragraph segmentation) whose two units are translated into Dutch,
    /// then harvested into `Locales/tm/en-nl.tmx` by a second extract.
    static func projectWithMemory() throws -> String {
        let root = try temporaryFolder()
        try write("segmentation: paragraph\n", to: root + "/ccl10n.yml")
        try write("Rare cancers affect many people.\n\nThe *week* starts today.\n", to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        try translate(
            root + "/Locales/nl/a.md.xlf",
            [
                "Rare cancers affect many people.": "Zeldzame kankers treffen veel mensen.",
                "The <g id=\"1\" ctype=\"italic\">week</g> starts today.": "De <g id=\"1\">week</g> begint vandaag.",
            ])
        _ = Extractor(project: try Project(root: root)).run()
        return root
    }

    /// The package's root folder, found from this file's path.
    static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = Path.parent(of: path) }
        return path
    }()

    /// `../shared` beside the package, where CI puts the conformance data; nil when absent.
    static let shared: String? = {
        let path = Path.parent(of: packageRoot) + "/shared"
        return FileStore.isDirectory(path + "/conformance") ? path : nil
    }()

    static var hasShared: Bool { shared != nil }

    /// Debian's Chromium, when installed (`make browser`).
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileStore.exists($0) }
    }

    /// A program installed by Debian (`make generators`: hugo, jekyll), when there.
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileStore.exists($0) }
    }

    /// Where `make peers` installs Translate Toolkit's commands.
    static let translateToolkit = packageRoot + "/.build/translate-toolkit/bin"
    static var hasTranslateToolkit: Bool { (try? FileStore.read(translateToolkit + "/pocount")) != nil }

    /// Debian's OmegaT, when installed (`make omegat`).
    static var omegat: String? {
        ["/usr/bin/omegat"].first { FileStore.exists($0) }
    }

    static let fixtures = packageRoot + "/Tests/L10nPipelineTests/Fixtures"

    /// The official XLIFF 1.2 strict schema, loaded once per test that needs it.
    static func xliff12Schema() throws -> XMLSchemaValidator {
        let shared = try #require(shared, "../shared is absent")
        let schemas = shared + "/conformance/xliff-schemas"
        return try XMLSchemaValidator(
            schemaPath: schemas + "/xliff-1.2/xliff-core-1.2-strict.xsd",
            catalog: schemas + "/local/catalog-offline.xml")
    }

    /// The official XLIFF 2.1 core schema with every module schema, loaded once per test that needs it.
    static func xliff21Schema() throws -> XMLSchemaValidator {
        let shared = try #require(shared, "../shared is absent")
        let schemas = shared + "/conformance/xliff-schemas"
        return try XMLSchemaValidator(
            schemaPath: schemas + "/local/xliff21-all-modules.xsd",
            catalog: schemas + "/local/catalog-offline.xml")
    }

    /// A new empty folder in the temporary directory (`TMPDIR`, else /tmp), removed by the caller with `remove`.
    static func temporaryFolder() throws -> String {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/ccl10n-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        return try #require(made, "mkdtemp failed")
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func write(_ text: String, to path: String) throws {
        try FileStore.writeAtomically(Array(text.utf8), to: path)
    }

    static func read(_ path: String) throws -> String {
        let bytes = try #require(try FileStore.read(path), "\(path) does not exist")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Copies a folder tree (the sample content) into another folder.
    static func copyTree(_ source: String, to destination: String) throws {
        for file in FileStore.files(under: source) {
            let bytes = try #require(try FileStore.read(source + "/" + file))
            try FileStore.writeAtomically(bytes, to: destination + "/" + file)
        }
    }

    /// A temporary project holding a copy of the repository's sample content.
    static func sampleProject() throws -> String {
        let folder = try temporaryFolder()
        for part in ["Sources-EN", "Sources-NL", "Locales"] {
            try copyTree(packageRoot + "/" + part, to: folder + "/" + part)
        }
        return folder
    }

    /// Every file below a folder with its bytes, to prove that a run changed nothing.
    static func snapshot(_ folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for file in FileStore.files(under: folder) { result[file] = try FileStore.read(folder + "/" + file) }
        return result
    }

    /// Fills the targets of an XLIFF file as a translator's tool would: `translations` maps a source text
    /// (as it appears inside `<source>`) to the target's inner XML.
    static func translate(_ path: String, _ translations: [String: String], state: String = "translated") throws {
        let file = try XLIFFEditing(path)
        for (source, target) in translations {
            let changed = try file.translate12(source: source, target: target, state: state)
            #expect(changed > 0, "no new unit with source \(source) in \(path)")
        }
        try file.save()
    }
}

extension TestSupport {
    /// Fills targets of an XLIFF 2.1 file as a translator's tool would: `translations` maps the inner XML of
    /// a `<source>` to the inner XML of its new `<target>`; the segment becomes `translated`.
    static func translate21(_ path: String, _ translations: [String: String]) throws {
        let file = try XLIFFEditing(path)
        for (source, target) in translations {
            let changed = try file.translate21(source: source, target: target)
            #expect(changed > 0, "no initial segment with source \(source) in \(path)")
        }
        try file.save()
    }
}

/// Runs the built `ccl10n` executable, which `swift test` builds beside the test bundle.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static var executable: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = String(decoding: buffer[0..<max(length, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The test binary lives in .build/<config>/<name>.xctest; ccl10n sits beside it.
        return Path.parent(of: me) + "/ccl10n"
    }

    /// Starts `ccl10n` with arguments, its output discarded, and returns its process id without waiting.
    static func start(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0, "cannot start \(executable)")
        return pid
    }

    /// Runs `ccl10n` with arguments and waits for it, capturing both outputs.
    static func run(_ arguments: [String]) throws -> CLIRun {
        try run(executable: executable, arguments)
    }

    /// Runs `ccl10n` and waits at most `timeout` seconds (a guard against a hang, not a measure of speed):
    /// a run still going then is killed and reported with status -1 (``timedOut``).
    static func run(_ arguments: [String], timeout: Int) throws -> CLIRun {
        try run(executable: executable, arguments, timeout: timeout)
    }

    /// Whether the run was killed for going on past its timeout.
    var timedOut: Bool { status == -1 }

    /// Runs a program with arguments and waits for it (at most `timeout` seconds when given), capturing both
    /// outputs.
    static func run(executable: String, _ arguments: [String], timeout: Int? = nil) throws -> CLIRun {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, folder + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, folder + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        try #require(spawned == 0, "cannot start \(executable)")
        var status: Int32 = 0
        var exitCode: Int32 = -1
        if let timeout {
            for _ in 0..<(timeout * 10) {
                if waitpid(pid, &status, WNOHANG) == pid {
                    exitCode = (status >> 8) & 0xFF
                    break
                }
                usleep(100_000)
            }
            if exitCode == -1 {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
        } else {
            waitpid(pid, &status, 0)
            exitCode = (status >> 8) & 0xFF
        }
        return CLIRun(
            status: exitCode, stdout: try TestSupport.read(folder + "/out"),
            stderr: try TestSupport.read(folder + "/err"))
    }
}

extension LocaleTag {
    /// Tags the tests name often (valid tags, so made without asking ICU).
    static let en = LocaleTag(known: "en", icuID: "en")
    static let nl = LocaleTag(known: "nl", icuID: "nl")
    static let pl = LocaleTag(known: "pl", icuID: "pl")
    static let ar = LocaleTag(known: "ar", icuID: "ar")
}
