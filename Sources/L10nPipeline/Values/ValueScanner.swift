/// Finds values (`{literal, type, style}`) in text and turns each into a checked ``Value``.
///
/// A brace opens a value when a literal, a comma and a word follow it, and the word is a value type (or the
/// literal starts with a digit, so that a mistyped type is reported rather than printed). Any other brace is
/// ordinary text, and `\{` is always a literal brace.
///
/// Scanning works on the UTF-8 bytes of a run of text; offsets in results are byte offsets into that run.
enum ValueScanner {
    /// The types a value may name.
    static let types = Set(Value.TypeName.allCases.map(\.rawValue))
    /// Types of ICU's message format that ccl10n does not format.
    static let reservedTypes: Set<String> = ["spellout", "ordinal", "duration"]

    /// One value found in text: its byte range and either the value or why it is wrong.
    struct Match {
        var range: Range<Int>
        var result: Result<Value, ValueError>

        /// Why the value is wrong, placed at its opening brace; nil for a good value.
        var problem: PositionedError? {
            guard case .failure(let error) = result else { return nil }
            return .value(error, offset: range.lowerBound)
        }
    }

    /// Every value in `text`, in order. Text between matches is ordinary text. `depth` counts the plural and
    /// select values whose form `text` is.
    static func scan(_ text: [UInt8], depth: Int = 0) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "{"), let match = match(in: text, at: index, depth: depth) {
                matches.append(match)
                index = match.range.upperBound
                continue
            }
            index += 1
        }
        return matches
    }

    /// Tries to read a value at an opening brace; nil when the brace is ordinary text.
    private static func match(in text: [UInt8], at start: Int, depth: Int) -> Match? {
        var i = start + 1
        while i < text.count, ![",", "{", "}", "\n"].contains(Character(UnicodeScalar(text[i]))) { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: ","), i > start + 1 else { return nil }
        let literal = String(decoding: text[(start + 1)..<i], as: UTF8.self).trimmingSpaces
        guard !literal.isEmpty else { return nil }
        i += 1
        while i < text.count, text[i] == UInt8(ascii: " ") { i += 1 }
        let typeStart = i
        while i < text.count,
            (text[i] >= UInt8(ascii: "a") && text[i] <= UInt8(ascii: "z"))
                || (text[i] >= UInt8(ascii: "A") && text[i] <= UInt8(ascii: "Z"))
        { i += 1 }
        guard i > typeStart else { return nil }
        let type = String(decoding: text[typeStart..<i], as: UTF8.self)
        // `{a, b}` is prose; `{2021-03-08, colour}` is a value with a wrong type. A word that is no type makes
        // a value only when the literal looks like one (it starts with a digit or a minus sign).
        let looksLikeValue = literal.first.map { $0.isNumber || $0 == "-" } ?? false
        guard types.contains(type) || reservedTypes.contains(type) || looksLikeValue else { return nil }
        while i < text.count, text[i] == UInt8(ascii: " ") { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: ",") || text[i] == UInt8(ascii: "}") else {
            if i >= text.count {
                return Match(
                    range: start..<text.count,
                    result: .failure(.notClosed(raw: String(decoding: text[start...], as: UTF8.self))))
            }
            return nil
        }
        var style = ""
        if text[i] == UInt8(ascii: ",") {
            let styleStart = i + 1
            var depth = 0
            i += 1
            while i < text.count {
                if text[i] == UInt8(ascii: "{") { depth += 1 }
                if text[i] == UInt8(ascii: "}") {
                    if depth == 0 { break }
                    depth -= 1
                }
                i += 1
            }
            guard i < text.count else {
                return Match(
                    range: start..<text.count,
                    result: .failure(.notClosed(raw: String(decoding: text[start...], as: UTF8.self))))
            }
            style = String(decoding: text[styleStart..<i], as: UTF8.self).trimmingSpaces
        }
        let range = start..<(i + 1)
        let raw = String(decoding: text[range], as: UTF8.self)
        do throws(ValueError) {
            let value = try ValueChecker.check(literal: literal, type: type, style: style, raw: raw, depth: depth)
            return Match(range: range, result: .success(value))
        } catch {
            return Match(range: range, result: .failure(error))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
