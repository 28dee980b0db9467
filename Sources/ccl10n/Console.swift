import L10nPipeline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints diagnostics to standard error and messages to standard output.
enum Console {
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printError(diagnostic.description) }
    }

    /// Writes a line to standard error (file descriptor 2, which needs no shared `FILE *`).
    static func printError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// Ends the process with a status code.
func Foundation_exit(_ code: Int32) -> Never {
    exit(code)
}
