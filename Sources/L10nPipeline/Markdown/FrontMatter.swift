/// The YAML front matter at the top of a Markdown file, between `---` lines.
struct FrontMatter {
    /// The YAML text's byte range in the file.
    var range: Range<Int>
    /// Where the Markdown body starts, after the closing `---` line.
    var bodyOffset: Int
    var root: YAMLNode?

    /// Finds and parses front matter that starts at `offset`; nil when the file has none.
    static func find(in bytes: [UInt8], at offset: Int) throws(PositionedError) -> FrontMatter? {
        guard let firstEnd = lineEnd(bytes, from: offset), isFence(bytes[offset..<firstEnd], "---") else { return nil }
        var lineStart = nextLine(bytes, firstEnd)
        while lineStart < bytes.count {
            let end = lineEnd(bytes, from: lineStart) ?? bytes.count
            if isFence(bytes[lineStart..<end], "---") || isFence(bytes[lineStart..<end], "...") {
                let yamlRange = nextLine(bytes, firstEnd)..<lineStart
                do throws(YAMLError) {
                    let root = try YAMLReader.parse(Array(bytes[yamlRange]))
                    return FrontMatter(range: yamlRange, bodyOffset: nextLine(bytes, end), root: root)
                } catch {
                    throw .frontMatter(error, start: yamlRange.lowerBound)
                }
            }
            lineStart = nextLine(bytes, end)
        }
        throw .frontMatterUnclosed(offset: offset)
    }

    /// The scalar at a dotted key path (`seo.title`), if the front matter has one there.
    func scalar(at path: String) -> YAMLScalar? {
        var node = root
        for key in path.split(separator: ".") { node = node?[String(key)] }
        if case .scalar(let scalar)? = node { return scalar }
        return nil
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    }

    private static func nextLine(_ bytes: [UInt8], _ lineEnd: Int) -> Int { min(lineEnd + 1, bytes.count) }

    private static func isFence(_ line: ArraySlice<UInt8>, _ fence: String) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual(fence.utf8)
    }
}
