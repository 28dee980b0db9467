/// Writes strings as YAML scalars.
enum YAMLQuoting {
    /// A scalar written the way the original was where the text allows it (plain, single- or double-quoted),
    /// else double-quoted. Block scalars become double-quoted: a translation is one line.
    static func scalar(_ text: String, like style: YAMLScalar.Style?) -> String {
        switch style {
        case .plain? where isSafePlain(text): text
        case .singleQuoted? where !text.contains(where: \.isNewline): "'" + text.replacing("'", with: "''") + "'"
        default: doubleQuoted(text)
        }
    }

    /// Whether text reads back as the same string when written as a plain scalar.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace else {
            return false
        }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || text.contains(where: { $0.isNewline || $0 == "\t" })
        {
            return false
        }
        let lowered = text.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lowered) { return false }
        if Double(text) != nil || text.allSatisfy({ $0.isNumber || "-:.".contains($0) }) { return false }
        return true
    }

    /// A double-quoted YAML scalar, escaping backslashes, quotes and control characters.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
