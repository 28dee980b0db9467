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

/// The documents of a bundle as manifest.json holds them: each entry's JSON, encoded once when the document
/// is built and kept by the build cache, so that a build that rebuilt one document of 10,000 writes the
/// manifest by joining bytes, with neither a decode nor an encode of the others. The bytes are those
/// ``Manifest/encoded()`` writes for the same entries (a test holds the two together). A build's manifest
/// goes to its temporary file as each document is taken in (``init(locale:file:)``): the entries of 10,000
/// documents are not held until the end.
struct ManifestDocuments: Sendable {
    let locale: String
    /// The start of manifest.json, then the entries' JSON, each indented for its place, joined by `,\n`;
    /// empty when the bytes go to `file`.
    private(set) var body: [UInt8] = []
    /// Where the bytes go as they come, when not to `body`.
    let file: StagedFile?
    private(set) var count = 0
    /// How many documents are published in their source language.
    private(set) var fallbacks = 0

    private static var head: [UInt8] { Array("{\n  \"documents\" : [\n".utf8) }

    /// A manifest made in memory, or written to `file` as it is made.
    init(locale: String, file: StagedFile? = nil) {
        self.locale = locale
        self.file = file
        add(Self.head)
    }

    /// Whether ``finish()`` closed the bytes.
    private var finished = false

    /// Makes room for a manifest of about `size` bytes (the previous one's), so that it grows without copies.
    mutating func reserve(_ size: Int) {
        if file == nil { body.reserveCapacity(size + size / 16) }
    }

    mutating func append(_ fragment: some Collection<UInt8>, fallback: Bool) {
        precondition(!finished, "the manifest is finished")
        if count > 0 { add([UInt8(ascii: ","), UInt8(ascii: "\n")]) }
        add(fragment)
        count += 1
        if fallback { fallbacks += 1 }
    }

    private mutating func add(_ bytes: some Collection<UInt8>) {
        if let file { file.append(bytes) } else { body += bytes }
    }

    /// The bytes of manifest.json, of a manifest made in memory. One written to a file is read from the file
    /// (``manifest``): closing a copy of it would append the closing bytes to the file the copies share.
    func encoded() throws -> [UInt8] {
        precondition(file == nil, "a manifest written to a file is read from the file, not encoded again")
        if finished { return body }
        var bytes = self
        return try bytes.finish()
    }

    /// Closes the bytes in place (a manifest of 10,000 entries is not copied: the bytes returned share the
    /// documents' storage) and returns them, none when they went to `file`; nothing can be appended afterwards.
    mutating func finish() throws -> [UInt8] {
        if !finished {
            add(Array("\n  ],\n  \"locale\" : ".utf8) + (try StableJSON.encode(locale)) + Array("\n}\n".utf8))
            finished = true
        }
        return body
    }

    /// The manifest as a value, decoded from its bytes (for the HTML index and for callers of the library): a
    /// manifest written to a file is read from its temporary file, or once that is renamed (or found the
    /// same as the file in place), from its place.
    var manifest: Manifest {
        let bytes =
            file.map { FileStore.readIfReadable($0.temporary) ?? FileStore.readIfReadable($0.path) } ?? (try? encoded())
        return bytes.flatMap { try? JSONDecoder().decode(Manifest.self, from: Data($0)) }
            ?? Manifest(locale: locale, documents: [])
    }

    /// An entry's JSON as it reads inside manifest.json: the stable encoding of the entry alone, each line
    /// indented two levels deeper (the empty line of an empty list or object stays empty).
    static func fragment(_ entry: Manifest.Entry) throws -> [UInt8] {
        let plain = try StableJSON.encode(entry)
        let newline = UInt8(ascii: "\n")
        let indent = Array("    ".utf8)
        var fragment = indent
        fragment.reserveCapacity(plain.count + plain.count / 4)
        for (index, byte) in plain.enumerated() {
            fragment.append(byte)
            if byte == newline, index + 1 < plain.count, plain[index + 1] != newline { fragment += indent }
        }
        return fragment
    }
}
