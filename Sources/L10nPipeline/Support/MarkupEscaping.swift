/// Escaping text for HTML and XML written as bytes (pages, the dashboard, TMX codes), outside libxml2's trees.
enum MarkupEscaping {
    /// Escapes text for HTML or XML content and attribute values (`&`, `<`, `>`, `"`).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
