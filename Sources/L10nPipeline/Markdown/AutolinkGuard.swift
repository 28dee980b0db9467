extension MarkdownEscaper {
    /// Escaped text with GitHub's extended autolinks broken, so that an address a translator typed stays text.
    ///
    /// cmark-gfm's autolink extension turns `www.…` and `https://…` in running text into links, reading the raw
    /// text, backslash escapes included: a typed address became a live link whose `href` held the escapes. An
    /// address from the source is an inline code and stays a link; one typed into a translation is text, like
    /// any markup typed there. A backslash before the `.` of `www.` and the `:` of `://` stops the extension and
    /// renders as nothing. (An e-mail address is linked after escapes are resolved, so its `mailto:` is right.)
    static func breakingAutolinks(_ escaped: String) -> String {
        let characters = Array(escaped)
        var result = ""
        for (index, character) in characters.enumerated() {
            let next = characters[(index + 1)...].prefix(2)
            let opensAddress =
                character == ":" && next.elementsEqual(["/", "/"])
                || character == "." && index >= 3
                    && characters[(index - 3)..<index].map { $0.lowercased() } == ["w", "w", "w"]
            if opensAddress { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
