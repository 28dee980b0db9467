/// A problem without a file, at a byte offset: the caller that knows the file turns it into a ``Diagnostic``.
enum PositionedError: Error, Sendable, Hashable {
    /// Bytes that are not UTF-8.
    case invalidUTF8(offset: Int)
    /// A line ended by a CR alone, which ccl10n does not read.
    case loneCarriageReturn(offset: Int)
    /// Front matter opened with `---` that no `---` or `...` line closes.
    case frontMatterUnclosed(offset: Int)
    /// Front matter whose YAML is wrong; the YAML text starts at byte `start` of the file.
    case frontMatter(YAMLError, start: Int)
    /// Blocks or inline spans nested deeper than ``InputLimits/maximumNesting``.
    case nestedTooDeep(offset: Int)
    /// A unit whose text is longer than ``InputLimits/maximumUnitLength`` bytes.
    case unitTooLong(offset: Int, length: Int)
    /// A value that breaks the value grammar, at its opening brace.
    case value(ValueError, offset: Int)

    /// The byte offset of the problem; 0 for the whole text.
    var offset: Int {
        switch self {
        case .invalidUTF8(let offset), .loneCarriageReturn(let offset), .frontMatterUnclosed(let offset),
            .nestedTooDeep(let offset), .unitTooLong(let offset, _), .value(_, let offset):
            offset
        case .frontMatter(let yaml, let start): start + yaml.offset
        }
    }

    /// The message a diagnostic shows.
    var message: String {
        switch self {
        case .invalidUTF8: "the file is not valid UTF-8 here"
        case .loneCarriageReturn:
            "a line ends with a lone carriage return (CR): ccl10n reads LF and CR+LF line endings only"
        case .frontMatterUnclosed: "front matter opened with '---' is never closed"
        case .frontMatter(let yaml, _): "front matter: \(yaml.message)"
        case .nestedTooDeep: "blocks or inline spans are nested more than \(InputLimits.maximumNesting) deep here"
        case .unitTooLong(_, let length): InputLimits.unitTooLong(length)
        case .value(let error, _): error.message
        }
    }
}
