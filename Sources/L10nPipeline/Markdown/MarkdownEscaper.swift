/// Makes translated text safe to put back into Markdown: nothing a translator typed becomes markup, and the
/// text reads back as typed.
enum MarkdownEscaper {
    /// Where a run of text stands in the Markdown it is written into.
    struct Place {
        /// At the start of a line of a paragraph (the unit's start, or after a hard line break): characters
        /// that would open a heading, a list, a quote or a code block are escaped.
        var lineStart = false
        /// At an edge of the unit, where Markdown drops whitespace: it is written as character references.
        var unitStart = false
        var unitEnd = false
        /// In a heading, where a closing run of `#` would be dropped.
        var heading = false
    }

    /// Characters that can start or end inline markup (or a ccl10n value) anywhere in a line.
    private static let inlineSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "~", "{", "}", "|"]

    /// Escapes `text` for its place. Line breaks become spaces, so one unit stays one block.
    static func escape(_ text: String, at place: Place) -> String {
        let characters = text.map { $0.isNewline ? " " : $0 }
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        let leading = place.unitStart || place.lineStart ? characters.prefix(while: isBlank).count : 0
        let trailingBlanks = characters.reversed().prefix(while: isBlank).count
        let trailing = place.unitEnd ? min(characters.count - leading, trailingBlanks) : 0
        var result = ""
        for (index, character) in characters.enumerated() {
            if index < leading || index >= characters.count - trailing {
                // Whitespace Markdown would strip (or read as an indented code block), kept as typed.
                result += character == "\t" ? "&#9;" : "&#32;"
                continue
            }
            let first = index == leading
            if inlineSpecials.contains(character) {
                result.append("\\")
            } else if character == "&", index + 1 < characters.count,
                characters[index + 1].isLetter || characters[index + 1] == "#"
            {
                result.append("\\")
            } else if place.heading, character == "#" {
                result.append("\\")
            } else if character == "!", index + 1 == characters.count {
                // A `!` right before a link's code would make it an image.
                result.append("\\")
            } else if place.lineStart, first, ["#", "-", "+", "=", "!"].contains(character) {
                result.append("\\")
            } else if place.lineStart, character == "." || character == ")", index > leading,
                characters[leading..<index].allSatisfy(\.isNumber)
            {
                result.append("\\")
            }
            result.append(character)
        }
        return breakingAutolinks(result)
    }

    /// Escapes a translated link title, whichever delimiter (`"`, `'` or `(`) it is written between: backslashes,
    /// delimiters and references are escaped, line breaks become spaces.
    static func escapeTitle(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline {
                result.append(" ")
                continue
            }
            if "\\&\"'()".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
