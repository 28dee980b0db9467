// libFuzzer targets for the readers that take outside input: `make fuzz` builds this with
// `-sanitize=fuzzer -DFUZZING` and runs each target for a set time
// (CCL10N_FUZZ_TARGET=xliff|markdown|values|frontmatter|config|tmx|html).
import L10nPipeline

#if FUZZING
    import CFuzzerDriver
    #if canImport(Glibc)
        import Glibc
    #endif

    /// The program's entry: SwiftPM names an executable's main `<module>_main`; here it hands over to libFuzzer.
    @_cdecl("ccl10n_fuzz_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
            guard let data else { return 0 }
            return fuzzOneInput(data, size)
        }
    }

    /// The target `CCL10N_FUZZ_TARGET` names; XLIFF by default.
    private let target = getenv("CCL10N_FUZZ_TARGET").map { String(cString: $0) } ?? "xliff"

    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        switch target {
        case "markdown":
            _ = try? MarkdownReader(frontMatterKeys: ["title", "description"]).read(
                bytes, path: "fuzz.md", locale: .fuzzLocale)
        case "values":
            _ = FuzzEntry.values(String(decoding: bytes, as: UTF8.self))
        case "frontmatter":
            _ = FuzzEntry.readFrontMatter(bytes)
        case "config":
            _ = try? ProjectConfig.parse(bytes, path: "ccl10n.yml")
        case "tmx":
            _ = FuzzEntry.readTMX(bytes)
        case "html":
            _ = try? HTMLReader().read(bytes, path: "fuzz.html", locale: .fuzzLocale)
        default:
            _ = XLIFFValidator.validate(bytes: bytes, path: "fuzz.xlf")
            _ = FuzzEntry.readXLIFF(bytes)
        }
        return 0
    }
#else
    @main
    struct FuzzHelp {
        static func main() {
            if CommandLine.arguments.contains("--experimental-dump-help") {
                // What argument-parser's generate-manual plugin asks every executable for.
                print(
                    #"{"serializationVersion":0,"command":{"commandName":"ccl10n-fuzz","abstract":"libFuzzer targets for ccl10n's readers (make fuzz)."}}"#
                )
                return
            }
            print("ccl10n-fuzz holds libFuzzer targets; build and run them with: make fuzz")
        }
    }
#endif
