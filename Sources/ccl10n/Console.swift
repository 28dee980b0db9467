import ArgumentParser
import L10nPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints diagnostics to standard error and messages to standard output.
enum Console {
    enum Style: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    /// Whether standard output is a terminal that wants colour (NO_COLOR unset).
    static var colorsOnStdout: Bool { isatty(1) == 1 && getenv("NO_COLOR") == nil }

    static func paint(_ text: String, _ style: Style, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded(.down)))%" }

    /// The line status and check print for targets a tool filled but left in state new.
    static func filledNewAdvice(_ count: Int) -> String {
        "filled, state new: \(count) units — a tool (OmegaT, podebug…) filled them without confirming; they are not "
            + "published until accepted: review them, then run 'ccl10n extract --accept-filled'"
    }

    /// A locale the project translates into, or a usage error naming the ones it has.
    static func targetLocale(_ text: String, in project: Project) throws -> LocaleTag {
        guard let tag = LocaleTag(text), project.config.targets.contains(tag) else {
            let known = project.config.targets.map(\.tag).joined(separator: ", ")
            throw ValidationError("'\(text)' is not a target locale of this project (targets: \(known))")
        }
        return tag
    }

    /// A locale to build: a target locale of the project or a pseudo-locale (en-XA, ar-XB).
    static func buildLocale(_ text: String, in project: Project) throws -> LocaleTag {
        if let tag = LocaleTag(text), PseudoLocale(tag) != nil { return tag }
        do {
            return try targetLocale(text, in: project)
        } catch {
            let known = (project.config.targets.map(\.tag) + ["all"] + PseudoLocale.tags).joined(separator: ", ")
            throw ValidationError("'\(text)' is not a locale this project builds (choose from: \(known))")
        }
    }

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
func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
