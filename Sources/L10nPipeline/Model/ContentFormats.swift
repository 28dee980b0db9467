/// The content formats ccl10n reads: the one place a format is registered.
enum ContentFormats {
    static let all: [any ContentFormat.Type] = [
        MarkdownFormat.self,
        HTMLFormat.self,
    ]

    /// The format of a file by its extension; nil for a file that is not a document.
    static func format(ofPath path: String) -> (any ContentFormat.Type)? {
        let ext = Path.fileExtension(of: path)
        return all.first { $0.fileExtensions.contains(ext) }
    }
}
