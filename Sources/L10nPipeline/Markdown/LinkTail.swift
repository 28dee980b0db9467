/// The part of a link or image after its text — `](destination "title")`, `][label]`, `][]` or `]` — as
/// written in the file: where it ends and where its title stands.
///
/// cmark-gfm has already parsed the link; this only finds the bytes it parsed, because cmark-gfm's inline
/// source positions are not reliable for links that run over lines or stand in list items and block quotes.
struct LinkTail {
    /// Just past the tail.
    var end: Int
    /// The title's bytes between its delimiters, for an inline link with a title.
    var title: Range<Int>?

    /// The tail whose `]` is at `bracket`, or nil when the bytes there are not one.
    init?(_ bytes: [UInt8], bracket: Int) {
        guard bracket < bytes.count, bytes[bracket] == UInt8(ascii: "]") else { return nil }
        var index = bracket + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "("), let inline = Self.inline(bytes, from: index + 1) {
            (end, title) = inline
            return
        }
        title = nil
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                guard bytes[index] != UInt8(ascii: "[") else {
                    end = bracket + 1
                    return
                }
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            end = index < bytes.count ? index + 1 : bracket + 1
            return
        }
        end = bracket + 1
    }

    /// `destination "title")` after the `(`, following CommonMark's link syntax.
    private static func inline(_ bytes: [UInt8], from start: Int) -> (end: Int, title: Range<Int>?)? {
        var index = skipSpace(bytes, from: start)
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "<") {
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                guard bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "<") else { return nil }
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            index += 1
        } else {
            var depth = 0
            while index < bytes.count, bytes[index] > 0x20 {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == UInt8(ascii: "(") { depth += 1 }
                if bytes[index] == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                index += 1
            }
        }
        let afterDestination = index
        index = skipSpace(bytes, from: index)
        var title: Range<Int>?
        let closers: [UInt8: UInt8] = [0x22: 0x22, 0x27: 0x27, 0x28: 0x29]  // "…", '…', (…)
        if index > afterDestination, index < bytes.count, let close = closers[bytes[index]] {
            let open = bytes[index]
            var cursor = index + 1
            while cursor < bytes.count, bytes[cursor] != close {
                guard open != UInt8(ascii: "(") || bytes[cursor] != open else { return nil }
                cursor += bytes[cursor] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard cursor < bytes.count else { return nil }
            title = (index + 1)..<cursor
            index = skipSpace(bytes, from: cursor + 1)
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return nil }
        return (index + 1, title)
    }

    /// Past spaces, tabs and line endings (a link's parts may stand on the next line).
    private static func skipSpace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        let space: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        while index < bytes.count, space.contains(bytes[index]) { index += 1 }
        return index
    }
}
