/// Makes translated text safe to put back into Markdown: nothing a translator typed becomes markup.
enum MarkdownEscaper {
    /// Characters that can start or end inline markup (or a ccl10n value) anywhere in a line.
    private static let inlineSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "~", "{", "}", "|"]

    /// Escapes `text`; `atBlockStart` also guards the characters that would turn a paragraph into a heading,
    /// a list, a quote or a code block. Line breaks become spaces, so one unit stays one block.
    static func escape(_ text: String, atBlockStart: Bool) -> String {
        var result = ""
        var characters = text.map { $0.isNewline ? " " : $0 }
        if atBlockStart {
            while characters.first == " " || characters.first == "\t" { characters.removeFirst() }
        }
        for (index, character) in characters.enumerated() {
            if inlineSpecials.contains(character) {
                result.append("\\")
            } else if character == "&", index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1] == "#" {
                result.append("\\")
            } else if atBlockStart, index == 0, ["#", "-", "+", "=", "!"].contains(character) {
                result.append("\\")
            } else if atBlockStart, character == "." || character == ")", index > 0, characters[..<index].allSatisfy(\.isNumber) {
                result.append("\\")
            }
            result.append(character)
        }
        return breakingAutolinks(result)
    }
}
