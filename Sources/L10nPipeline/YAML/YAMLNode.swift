internal import CYAML

/// A YAML node read by libyaml, with the byte range it was written in, so its text can be replaced in place.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLScalar, value: YAMLNode)], start: Int)
    case sequence([YAMLNode], start: Int)

    /// Where the node starts, as a byte offset into the parsed text.
    var start: Int {
        switch self {
        case .scalar(let scalar): scalar.range.lowerBound
        case .mapping(_, let start), .sequence(_, let start): start
        }
    }

    /// The value at a key of a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key.value == key }?.value
    }
}

/// A scalar with its value, its written style and its byte range (quotes included).
struct YAMLScalar: Sendable {
    enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }
    var value: String
    var style: Style
    var range: Range<Int>
}

/// Parses YAML text with libyaml's event parser into a ``YAMLNode`` tree.
enum YAMLReader {
    /// The first document of `bytes`, or nil when it is empty. Errors carry a byte offset into `bytes`.
    /// Wraps `yaml_parser_parse`.
    static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw .parserUnavailable }
        defer { yaml_parser_delete(&parser) }
        // libyaml counts marks in characters; this maps a character index back to a byte offset.
        var byteOffsets: [Int] = []
        byteOffsets.reserveCapacity(bytes.count + 1)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { byteOffsets.append(offset) }
        byteOffsets.append(bytes.count)
        func byteOffset(_ mark: yaml_mark_t) -> Int { byteOffsets[min(Int(mark.index), byteOffsets.count - 1)] }

        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Builder] = []
            var root: YAMLNode?
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                    let context = parser.context.map { String(cString: $0) }
                    throw .syntax(offset: byteOffset(parser.problem_mark), context: context, problem: problem)
                }
                defer { yaml_event_delete(&event) }
                let start = byteOffset(event.start_mark)
                var finished: YAMLNode?
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    return root
                case YAML_ALIAS_EVENT:
                    throw .alias(offset: start)
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    let value = String(
                        decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
                    let style: YAMLScalar.Style =
                        switch data.style {
                        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                        case YAML_LITERAL_SCALAR_STYLE: .literal
                        case YAML_FOLDED_SCALAR_STYLE: .folded
                        default: .plain
                        }
                    finished = .scalar(
                        YAMLScalar(value: value, style: style, range: start..<byteOffset(event.end_mark)))
                case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                    // Swift frees (and callers walk) a tree recursively: a deep one would overflow the stack.
                    guard stack.count < InputLimits.maximumNesting else {
                        throw .nestedTooDeep(offset: start)
                    }
                    stack.append(Builder(isMapping: event.type == YAML_MAPPING_START_EVENT, start: start))
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    guard let builder = stack.popLast() else { break }
                    finished = try builder.node()
                default:
                    break
                }
                if let finished {
                    if stack.isEmpty { root = finished } else { stack[stack.count - 1].items.append(finished) }
                }
            }
        }
    }

    private struct Builder {
        var isMapping: Bool
        var start: Int
        var items: [YAMLNode] = []

        func node() throws(YAMLError) -> YAMLNode {
            guard isMapping else { return .sequence(items, start: start) }
            var pairs: [(key: YAMLScalar, value: YAMLNode)] = []
            var seen: Set<String> = []
            var index = 0
            while index + 1 < items.count {
                guard case .scalar(let key) = items[index] else {
                    throw .keyNotPlainWord(offset: items[index].start)
                }
                guard seen.insert(key.value).inserted else {
                    throw .duplicateKey(offset: key.range.lowerBound, key: key.value)
                }
                pairs.append((key, items[index + 1]))
                index += 2
            }
            return .mapping(pairs, start: start)
        }
    }
}
