/// A problem in YAML text, at a byte offset into the text given to ``YAMLReader``.
enum YAMLError: Error, Sendable, Hashable {
    /// libyaml could not set up a parser (`yaml_parser_initialize` failed).
    case parserUnavailable
    /// libyaml rejected the text: its context (when it gives one) and its problem.
    case syntax(offset: Int, context: String?, problem: String)
    /// An alias (`*name`): ccl10n reads plain trees only.
    case alias(offset: Int)
    /// Collections nested deeper than ``InputLimits/maximumNesting``.
    case nestedTooDeep(offset: Int)
    /// A mapping key that is a collection rather than a scalar.
    case keyNotPlainWord(offset: Int)
    /// A key given twice in one mapping.
    case duplicateKey(offset: Int, key: String)

    /// The byte offset of the problem; 0 for the whole text.
    var offset: Int {
        switch self {
        case .parserUnavailable: 0
        case .syntax(let offset, _, _), .alias(let offset), .nestedTooDeep(let offset), .keyNotPlainWord(let offset),
            .duplicateKey(let offset, _):
            offset
        }
    }

    /// The message a diagnostic shows.
    var message: String {
        switch self {
        case .parserUnavailable: "libyaml could not start"
        case .syntax(_, let context, let problem): "YAML: \(context.map { $0 + ": " } ?? "")\(problem)"
        case .alias: "YAML aliases are not supported here"
        case .nestedTooDeep: "YAML: collections are nested more than \(InputLimits.maximumNesting) deep"
        case .keyNotPlainWord: "YAML: a mapping key must be a plain word"
        case .duplicateKey(_, let key): "YAML: duplicate key '\(key)'"
        }
    }
}
