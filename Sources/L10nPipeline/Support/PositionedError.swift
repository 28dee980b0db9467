/// A problem without a file, at a byte offset: the caller that knows the file turns it into a ``Diagnostic``.
enum PositionedError: Error, Sendable, Hashable {
    /// Front matter opened with `---` that no `---` or `...` line closes.
    case frontMatterUnclosed(offset: Int)
    /// Front matter whose YAML is wrong; the YAML text starts at byte `start` of the file.
    case frontMatter(YAMLError, start: Int)
    /// A value that breaks the value grammar, at its opening brace.
    case value(ValueError, offset: Int)
    /// A problem another stage words itself (an inline, a length).
    case content(offset: Int, message: String)

    /// A problem worded by the stage that found it.
    init(offset: Int, message: String) { self = .content(offset: offset, message: message) }

    /// The byte offset of the problem; 0 for the whole text.
    var offset: Int {
        switch self {
        case .frontMatterUnclosed(let offset), .content(let offset, _), .value(_, let offset): offset
        case .frontMatter(let yaml, let start): start + yaml.offset
        }
    }

    /// The message a diagnostic shows.
    var message: String {
        switch self {
        case .frontMatterUnclosed: "front matter opened with '---' is never closed"
        case .frontMatter(let yaml, _): "front matter: \(yaml.message)"
        case .value(let error, _): error.message
        case .content(_, let message): message
        }
    }
}
