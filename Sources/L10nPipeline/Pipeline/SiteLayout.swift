/// Where `build` puts each document, so that a static site generator reads the bundle as it is
/// (`output: { layout: hugo, site: site }` in `ccl10n.yml`).
///
/// The manifest (and the `--format html` pages) stay in `Bundles/<locale>/` in every layout: they are
/// ccl10n's record of the build, not pages of the site.
public struct SiteLayout: Sendable, Hashable {
    /// The kinds of layout, by the generator that reads them.
    public enum Kind: String, Sendable, CaseIterable {
        /// `Bundles/<locale>/<path>`: no generator in particular (the default).
        case plain
        /// Hugo, one content folder per language: `<site>/content/<locale>/<path>`.
        case hugo
        /// Hugo, translation by file name: `<site>/content/<dir>/<name>.<locale>.md`.
        case hugoSuffix = "hugo-suffix"
        /// Jekyll, one folder per language: `<site>/<locale>/<path>`.
        case jekyll
    }

    public var kind: Kind
    /// The generator's folder, relative to the project; unused by `plain`.
    public var site: String

    public static let plain = SiteLayout(kind: .plain, site: defaultSite)
    /// The generator's folder when the configuration names none: beside the sources, never the project
    /// itself, so a generator does not read `Sources-EN/` as pages of its own.
    public static let defaultSite = "site"

    public init(kind: Kind, site: String = SiteLayout.defaultSite) {
        self.kind = kind
        self.site = site
    }

    /// The built file of a document in a locale, relative to the project root.
    public func path(of documentPath: String, in locale: LocaleTag) -> String {
        switch kind {
        case .plain:
            return "Bundles/\(locale.tag)/\(documentPath)"
        case .hugo:
            return "\(site)/content/\(locale.tag)/\(documentPath)"
        case .jekyll:
            return "\(site)/\(locale.tag)/\(documentPath)"
        case .hugoSuffix:
            let ext = Path.fileExtension(of: documentPath)
            let stem = ext.isEmpty ? documentPath : String(documentPath.dropLast(ext.count + 1))
            return "\(site)/content/\(stem).\(locale.tag)" + (ext.isEmpty ? "" : ".\(ext)")
        }
    }

    /// The key that pairs a document's language versions: its path in the source root without extension
    /// (two roots never share a path, so it is unique in the project).
    static func translationKey(of documentPath: String) -> String {
        let ext = Path.fileExtension(of: documentPath)
        return ext.isEmpty ? documentPath : String(documentPath.dropLast(ext.count + 1))
    }

    /// A built Markdown document with what the generator needs to pair its language versions.
    ///
    /// `lang` (the locale of the site section it belongs to), `translationKey` (and `direction: rtl` for a
    /// right-to-left locale) are added at the end of its front matter; a front matter is opened when the
    /// document has none (Jekyll treats a Markdown file without one as a static file). A key the document
    /// already sets is left as written. `plain` adds nothing: a plain bundle stays byte for byte the source.
    func finish(_ bytes: [UInt8], documentPath: String, locale: LocaleTag) -> [UInt8] {
        guard kind != .plain, ContentFormats.format(ofPath: documentPath)?.hasFrontMatter == true else {
            return bytes
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let firstNewline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? 0
        let newline = firstNewline > 0 && bytes[firstNewline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
        // Front matter that does not parse is left alone.
        let found: FrontMatter?
        do { found = try FrontMatter.find(in: bytes, at: start) } catch { return bytes }
        var keys = [("lang", locale.tag), ("translationKey", Self.translationKey(of: documentPath))]
        // Jekyll's own `dir` is the page's folder: `direction` is free in both generators.
        if locale.isRightToLeft { keys.append(("direction", "rtl")) }
        var added = ""
        for (key, value) in keys where found?.root?[key] == nil {
            added += "\(key): \(YAMLQuoting.scalar(value, like: .plain))\(newline)"
        }
        guard let frontMatter = found else {
            return Array(bytes[..<start]) + Array("---\(newline)\(added)---\(newline)".utf8) + Array(bytes[start...])
        }
        // Keys can only be added to a mapping (or to an empty front matter).
        if let root = frontMatter.root, case .mapping = root {} else if frontMatter.root != nil { return bytes }
        let end = frontMatter.range.upperBound
        return Array(bytes[..<end]) + Array(added.utf8) + Array(bytes[end...])
    }
}
