import FoundationEssentials
import Testing

@testable import L10nPipeline

/// A round trip that changes the text: Markdown files extracted as `ccl10n extract` does, every target filled
/// with a reversible pseudo-translation (state `translated`), built as `ccl10n build --locale nl` does
/// (fallback marking on, default threshold), and each built page compared with its source, both rendered by
/// cmark-gfm, with the letter mapping undone.
enum PseudoRoundTrip {
    /// ASCII letters and the accented letters they become; every letter has its own, so the mapping undoes.
    static let lower = Array("áƀçďéƒĝĥíĵķĺɱñóþɋŕšţúṽŵẋýž")
    static let upper = Array("ÁɃÇĎÉƑĜĤÍĴĶĹṀÑÓÞɊŔŠŢÚṼŴẊÝŽ")
    static let forward: [Character: Character] = {
        var map: [Character: Character] = [:]
        for (index, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() { map[letter] = lower[index] }
        for (index, letter) in "ABCDEFGHIJKLMNOPQRSTUVWXYZ".enumerated() { map[letter] = upper[index] }
        return map
    }()
    static let backward = Dictionary(uniqueKeysWithValues: forward.map { ($1, $0) })

    static func pseudo(_ text: String) -> String { String(text.map { forward[$0] ?? $0 }) }
    static func undo(_ text: String) -> String { String(text.map { backward[$0] ?? $0 }) }

    /// An XLIFF 1.2 file with every new unit translated as a translator's tool would: the `<source>`'s inner
    /// XML copied into the target with the letters of its text mapped (tags and entity references kept).
    /// With `pseudo` false, the target is the source as it is.
    static func translateXLIFF(_ xml: String, pseudo: Bool = true) -> String {
        var result = ""
        var rest = xml[...]
        // A new unit's target: empty, or a copy of the source (the form ccl10n writes).
        let emptyTarget = "<target state=\"new\"/>"
        let newTarget = "<target state=\"new\">"
        while let open = rest.firstRange(of: "<source>"),
            let close = rest[open.upperBound...].firstRange(of: "</source>")
        {
            let inner = rest[open.upperBound..<close.lowerBound]
            result += rest[..<close.upperBound]
            rest = rest[close.upperBound...]
            let gap = rest.prefix { $0.isWhitespace }
            let target = rest.dropFirst(gap.count)
            let length: Int
            if target.hasPrefix(emptyTarget) {
                length = emptyTarget.count
            } else if target.hasPrefix(newTarget), let end = target.firstRange(of: "</target>") {
                length = target.distance(from: target.startIndex, to: end.upperBound)
            } else {
                continue
            }
            result += gap + "<target state=\"translated\">" + (pseudo ? pseudoXML(inner) : String(inner)) + "</target>"
            rest = target.dropFirst(length)
        }
        return result + rest
    }

    /// Maps the letters of XML text, leaving markup (`<…>`) and references (`&…;`) alone.
    private static func pseudoXML(_ xml: Substring) -> String {
        var result = ""
        var inTag = false
        var inReference = false
        for character in xml {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            case "&" where !inTag: inReference = true
            case ";" where inReference: inReference = false
            default: break
            }
            result.append(inTag || inReference ? character : forward[character] ?? character)
        }
        return result
    }

    /// The outcome for a set of Markdown files.
    struct Outcome {
        var total = 0
        /// Files whose page renders to the same HTML as the source.
        var exact: [String] = []
        /// Files that differ, with the first difference.
        var different: [(path: String, detail: String)] = []
        /// Files whose links, images or code differ (a subset of `different`).
        var changedMarkup: [String] = []
        /// Files that extract or build refused, with why.
        var failed: [(path: String, detail: String)] = []
        /// Files whose identity build (every target equal to its source) is not byte-identical.
        var identityDifferent: [String] = []
    }

    /// Runs both round trips on `files` (path relative to `Sources-EN/` → bytes) in one temporary project.
    static func run(_ files: [(path: String, bytes: [UInt8])]) throws -> Outcome {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        for file in files { try FileStore.writeAtomically(file.bytes, to: root + "/Sources-EN/" + file.path) }
        var outcome = Outcome(total: files.count)
        let nl = try #require(LocaleTag("nl"))
        let extract = Extractor(project: try Project(root: root)).run()
        let refused = Dictionary(grouping: extract.diagnostics.filter { $0.severity == .error }, by: { $0.path })

        let xliffs = FileStore.files(under: root + "/Locales/nl").filter { $0.hasSuffix(".xlf") }.map {
            root + "/Locales/nl/" + $0
        }
        let untranslated = try xliffs.map { try TestSupport.read($0) }

        // Identity: every target equal to its source must give the source's bytes.
        for (path, xml) in zip(xliffs, untranslated) {
            try TestSupport.write(translateXLIFF(xml, pseudo: false), to: path)
        }
        _ = Builder(project: try Project(root: root)).run(locale: nl)
        for file in files where try FileStore.read(root + "/Bundles/nl/" + file.path) != file.bytes {
            outcome.identityDifferent.append(file.path)
        }

        for (path, xml) in zip(xliffs, untranslated) { try TestSupport.write(translateXLIFF(xml), to: path) }
        let report = Builder(project: try Project(root: root)).run(locale: nl)
        // Every unit must have been translated, or the round trip would prove nothing.
        let fallbacks = Set(
            report.manifest.documents.filter {
                $0.fallback || !$0.fallbackUnits.isEmpty || $0.translatedUnits != $0.units
            }.map(\.path))
        for file in files {
            if let problems = refused.first(where: { $0.key.hasSuffix(file.path) })?.value {
                outcome.failed.append((file.path, problems.map(\.message).joined(separator: "; ")))
                continue
            }
            guard let built = try FileStore.read(root + "/Bundles/nl/" + file.path) else {
                outcome.failed.append((file.path, "not built"))
                continue
            }
            if fallbacks.contains(file.path) {
                outcome.failed.append(
                    (file.path, "not every unit translated: published with source-language fallbacks"))
                continue
            }
            let expected = comparable(file.bytes)
            let actual = comparable(built)
            if expected == actual {
                outcome.exact.append(file.path)
            } else {
                outcome.different.append((file.path, firstDifference(expected, actual)))
                if markup(expected) != markup(actual) { outcome.changedMarkup.append(file.path) }
            }
        }
        return outcome
    }

    /// One Markdown document through extract, a translation of every target (pseudo or identity) and build:
    /// the built page, the XLIFF as extracted, and the document's manifest entry.
    static func translate(_ markdown: String, pseudo: Bool = true) throws -> (
        page: String, xliff: String, entry: Manifest.Entry?
    ) {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(markdown, to: root + "/Sources-EN/page.md")
        let extract = Extractor(project: try Project(root: root)).run()
        #expect(!extract.hasErrors, "\(extract.diagnostics)")
        let xliffPath = root + "/Locales/nl/page.md.xlf"
        let xliff = try TestSupport.read(xliffPath)
        try TestSupport.write(translateXLIFF(xliff, pseudo: pseudo), to: xliffPath)
        let report = Builder(project: try Project(root: root)).run(locale: try #require(LocaleTag("nl")))
        #expect(!report.hasErrors, "\(report.diagnostics)")
        return (try TestSupport.read(root + "/Bundles/nl/page.md"), xliff, report.manifest.documents.first)
    }

    /// Whether a pseudo-translated page of `markdown` reads as its source once the mapping is undone.
    static func roundTrips(_ markdown: String) throws -> (Bool, String) {
        let built = try translate(markdown).page
        let expected = comparable(Array(markdown.utf8))
        let actual = comparable(Array(built.utf8))
        return (expected == actual, "built:\n\(built)\nexpected: \(expected)\nactual:   \(actual)")
    }

    /// A page as a reader sees it: the Markdown body (front matter left out, as a site renders it) rendered
    /// by cmark-gfm, raw HTML kept, the letter mapping undone in text and in `alt` and `title` values only
    /// (URLs and code must be the same bytes), and whitespace outside `<pre>` collapsed as a browser does.
    static func comparable(_ bytes: [UInt8]) -> String {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = (try? FrontMatter.find(in: bytes, at: start))?.bodyOffset ?? start
        let html = MarkdownHTML.render(Array(bytes[body...]), allowRawHTML: true)
        var result = ""
        var tag: String?
        var inPre = 0
        var inCode = 0
        var lastWasSpace = false
        for character in html {
            if var current = tag {
                current.append(character)
                if character == ">" {
                    let name = current.dropFirst().prefix { $0.isLetter || $0 == "/" }.lowercased()
                    if name == "pre" { inPre += 1 } else if name == "/pre" { inPre = max(0, inPre - 1) }
                    if name == "code" { inCode += 1 } else if name == "/code" { inCode = max(0, inCode - 1) }
                    result += undoAttributes(current)
                    tag = nil
                    lastWasSpace = false
                } else {
                    tag = current
                }
                continue
            }
            if character == "<" {
                tag = "<"
                continue
            }
            if inPre == 0 && character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            result.append(inCode > 0 ? character : backward[character] ?? character)
        }
        return result + (tag ?? "")
    }

    /// A tag with the mapping undone inside its `alt="…"` and `title="…"` values.
    private static func undoAttributes(_ tag: String) -> String {
        var result = tag
        for name in [" alt=\"", " title=\""] {
            var searchFrom = result.startIndex
            while let open = result[searchFrom...].firstRange(of: name),
                let close = result[open.upperBound...].firstIndex(of: "\"")
            {
                let value = undo(String(result[open.upperBound..<close]))
                result.replaceSubrange(open.upperBound..<close, with: value)
                searchFrom = result.index(open.upperBound, offsetBy: value.count)
            }
        }
        return result
    }

    /// The links, images and code of a comparable page: every `href`, `src` and `<code>` content in order.
    static func markup(_ html: String) -> [String] {
        var found: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let open = rest.firstRange(of: attribute), let close = rest[open.upperBound...].firstIndex(of: "\"") {
                found.append(String(rest[open.upperBound..<close]))
                rest = rest[close...]
            }
        }
        var rest = html[...]
        while let open = rest.firstRange(of: "<code"), let close = rest[open.upperBound...].firstRange(of: "</code>") {
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// Where two pages first differ, with some context from each.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let common = zip(expected, actual).prefix { $0 == $1 }.count
        let from = max(0, common - 40)
        func excerpt(_ text: String) -> String { String(text.dropFirst(from).prefix(120)) }
        return "expected …\(excerpt(expected))… got …\(excerpt(actual))…"
    }

    /// The figures as one line for the test output.
    static func summary(_ name: String, _ outcome: Outcome) -> String {
        """
        \(name): pseudo-translated round trip \(outcome.exact.count) of \(outcome.total) files exact \
        (\(outcome.different.count) different, \(outcome.changedMarkup.count) with changed links, images or code, \
        \(outcome.failed.count) not built); identity round trip \(outcome.total - outcome.identityDifferent.count) of \
        \(outcome.total) byte-identical
        """
    }
}
