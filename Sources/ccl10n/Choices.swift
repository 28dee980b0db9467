import ArgumentParser
import L10nPipeline

// Options with a fixed set of values, declared as such: `--help` and the shell completions list the values,
// and the parser refuses any other with the choices.

/// `build --format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case md, html
}

/// `build --min-state`: the states a translation can be published from.
enum PublishState: String, CaseIterable, ExpressibleByArgument {
    case translated
    case signedOff = "signed-off"
    case final

    var state: TranslationState {
        switch self {
        case .translated: .translated
        case .signedOff: .signedOff
        case .final: .final
        }
    }
}

/// `extract --xliff-version`: every version the library writes.
extension XLIFFVersion: ExpressibleByArgument {}

/// Shell completion for `--locale`: the target locales of the project the command line names (`--root`), or
/// of the current folder, and what else the command accepts there (`all`, the pseudo-locales).
enum LocaleCompletion {
    static func candidates(extra: [String]) -> CompletionKind {
        .custom { words, _, _ in
            var root = "."
            if let index = words.firstIndex(of: "--root"), index + 1 < words.count { root = words[index + 1] }
            let targets = (try? Project(root: root))?.config.targets.map(\.tag) ?? []
            return targets + extra
        }
    }
}

/// `init --layout`.
extension SiteLayout.Kind: ExpressibleByArgument {}
