internal import FoundationEssentials

/// `Bundles/<locale>/manifest.json`: what the bundle holds and how complete each document is.
public struct Manifest: Codable, Sendable, Equatable {
    /// One document of the bundle.
    public struct Entry: Codable, Sendable, Equatable {
        /// The document's path inside its source root and inside the bundle.
        public var path: String
        public var sourceLocale: String
        /// The source file, relative to the project root.
        public var source: String
        /// The XLIFF file the translation came from, relative to the project root; nil for the source locale.
        public var xliff: String?
        public var units: Int
        /// Units whose translation (or, in the source locale, own text) was used.
        public var translatedUnits: Int
        /// Units by XLIFF target state (`new`, `translated`, …); empty in the source locale.
        public var unitsByState: [String: Int]
        public var words: Int
        public var translatedWords: Int
        /// True when the document is published in its source language (below the threshold).
        public var fallback: Bool
        public var fallbackReason: String?
        /// Ids of the units shown in the source language inside a published translation.
        public var fallbackUnits: [String]
        /// FNV-1a 64 of the built file's bytes.
        public var contentHash: String
        /// The built document's title (its front matter's `title`, or an HTML document's `<title>`).
        public var title: String?
        /// The standalone HTML page of a Markdown document, when built with `--format html`.
        public var page: String?
        /// The built document, relative to the project root, when a site layout puts it outside the bundle.
        public var file: String?
    }

    public var locale: String
    public var documents: [Entry]

    /// Stable JSON: sorted keys, two-space indent, a final newline.
    func encoded() throws -> [UInt8] {
        try StableJSON.encode(self) + [UInt8(ascii: "\n")]
    }
}

/// JSON that is the same bytes for the same value: sorted keys, indented, slashes unescaped.
enum StableJSON {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
