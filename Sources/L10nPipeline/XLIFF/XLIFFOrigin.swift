/// The one rule every command applies to where an XLIFF file says its content comes from.
///
/// Any XLIFF file: an `original` must be a relative path that stays inside the project (never absolute,
/// never climbing out with `..`). A project's file (`Locales/<locale>/<document>.xlf`) holds exactly one
/// `<file>`, and its `original`, when given, names that document. Tools rewrite files in ways that break
/// this (Translate Toolkit's `po2xliff -t` appends a second `<file>`; a file copied to another place keeps
/// its old `original`): each is an error at the `<file>` element, so that nothing is published from it.
enum XLIFFOrigin {
    /// One `<file>` element as read: its `original` and its line.
    struct FileElement {
        var original: String?
        var line: Int
    }

    /// The error for an `original` that leaves the project, if it does.
    static func leavingProject(_ file: FileElement, path: String) -> Diagnostic? {
        guard let original = file.original, original.hasPrefix("/") || !Path.staysInside(original) else { return nil }
        return Diagnostic(
            .error, path: path, line: file.line, column: 0,
            "<file original=\"\(original)\"> leads outside the project; refusing the file")
    }

    /// Every breach of the rule by a project's file whose document is `document` (nil: any XLIFF file).
    static func problems(_ files: [FileElement], document: String?, path: String) -> [Diagnostic] {
        var problems = files.compactMap { leavingProject($0, path: path) }
        guard let document, problems.isEmpty else { return problems }
        for extra in files.dropFirst() {
            let message =
                "a second <file> (original '\(extra.original ?? "")'): a ccl10n XLIFF file holds one "
                + "document; a tool appended it (po2xliff -t does): move its translations into the first <file> "
                + "or remove it"
            problems.append(Diagnostic(.error, path: path, line: extra.line, column: 0, message))
        }
        if let first = files.first, let original = first.original, original != document {
            let message =
                "<file original=\"\(original)\"> is not this file's document '\(document)': "
                + "a misplaced or renamed file"
            problems.append(Diagnostic(.error, path: path, line: first.line, column: 0, message))
        }
        return problems
    }

    /// The `<file>` elements of a parsed file.
    static func files(of tree: XMLTree) -> [FileElement] {
        guard let root = tree.root else { return [] }
        return root.childElements.filter { $0.name == "file" && $0.namespace == root.namespace }
            .map { FileElement(original: $0["original"], line: $0.line) }
    }

    /// The document a project's XLIFF file is for, from its place (`Locales/<locale>/<document>.xlf`,
    /// relative to the project root), or nil for a file elsewhere.
    static func document(ofProjectFile relative: String) -> String? {
        let parts = relative.split(separator: "/", maxSplits: 2)
        guard parts.count == 3, parts[0] == "Locales", parts[1] != "tm", parts[2].hasSuffix(".xlf") else { return nil }
        return String(parts[2].dropLast(4))
    }
}
