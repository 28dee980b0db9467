/// Checks that a parsed XML tree is structurally sound XLIFF, beyond well-formedness.
///
/// These are ccl10n's own checks (the official XSDs are used only as a test oracle): the root element and
/// version, required attributes, unique unit ids, the place of `<source>` and `<target>`, state values, and
/// that every inline code has an id. XLIFF 2.x files get the core checks of their own structure.
public enum XLIFFValidator {
    static let namespace20 = "urn:oasis:names:tc:xliff:document:2.0"

    /// Reads a file and checks it; every problem found, or none. `extraPrefixes` registers XLIFF 2
    /// fragment-identifier prefixes for extension namespaces (namespace URI → prefix). With `document`, the
    /// file is a project's file for that document, and ``XLIFFOrigin``'s project rule applies too.
    public static func validate(
        bytes: [UInt8], path: String, extraPrefixes: [String: String] = [:],
        document: String? = nil
    ) -> [Diagnostic] {
        do throws(DiagnosticError) {
            let tree = try XMLTree.parse(bytes, path: path)
            let problems = check(tree, path: path, extraPrefixes: extraPrefixes)
            guard let document, !problems.contains(where: { $0.severity == .error }) else { return problems }
            return problems + XLIFFOrigin.problems(XLIFFOrigin.files(of: tree), document: document, path: path)
        } catch {
            return error.diagnostics
        }
    }

    static func check(_ tree: XMLTree, path: String, extraPrefixes: [String: String] = [:]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ element: XMLElement, _ message: String) {
            problems.append(Diagnostic(.error, path: path, line: element.line, column: 0, message))
        }
        guard let root = tree.root else { return [Diagnostic(.error, path: path, "the document has no root element")] }
        guard root.name == "xliff" else {
            report(root, "the root element is <\(root.name)>, not <xliff>")
            return problems
        }
        if let namespace = root.namespace, let dialect = XLIFFVersion.dialect(reading: namespace) {
            problems += dialect.validate(root, namespace: namespace, path: path, extraPrefixes: extraPrefixes)
        } else {
            report(
                root,
                "<xliff> is in namespace '\(root.namespace ?? "none")', not XLIFF 1.2's '\(XLIFFVersion.namespace12)' or XLIFF 2's '\(namespace20)'"
            )
        }
        return problems + XLIFFOrigin.problems(XLIFFOrigin.files(of: tree), document: nil, path: path)
    }
}

extension XLIFFValidator {
    /// Reads a file from disk and checks it; a file in `project`'s `Locales/<locale>/` is held to the
    /// project's rule as well (one `<file>`, naming its document: ``XLIFFOrigin``), as every command does.
    public static func validate(
        path: String, extraPrefixes: [String: String] = [:],
        project: Project? = nil
    ) -> [Diagnostic] {
        do throws(DiagnosticError) {
            guard let bytes = try FileStore.read(path) else {
                return [Diagnostic(.error, .environment, path: path, "no such file")]
            }
            var document: String?
            if let project, let absolute = FileStore.realPath(path), let root = FileStore.realPath(project.root),
                absolute.hasPrefix(root + "/")
            {
                document = XLIFFOrigin.document(ofProjectFile: String(absolute.dropFirst(root.count + 1)))
            }
            return validate(bytes: bytes, path: path, extraPrefixes: extraPrefixes, document: document)
        } catch {
            return error.diagnostics
        }
    }
}

extension XLIFFValidator {
    /// Reads fragment-identifier prefixes from a properties file: `namespace=prefix` lines, with `\:` for a
    /// colon in the namespace (the form of the OASIS suite's `extra-prefixes.properties`); `#` and `!` lines
    /// are comments.
    public static func readPrefixes(path: String) throws(DiagnosticError) -> [String: String] {
        guard let bytes = try FileStore.read(path) else {
            throw DiagnosticError(Diagnostic(.error, path: path, "no such file"))
        }
        var result: [String: String] = [:]
        let lines = String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            // Split on any line break: "\r\n" is one Character, never equal to "\n".
            let text = String(line).trimmingCharacters(in: " \t")
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("!") { continue }
            let halves = text.replacing("\\:", with: "\u{1}").split(separator: "=", maxSplits: 1)
            guard halves.count == 2 else {
                throw DiagnosticError(
                    Diagnostic(
                        .error, path: path, line: index + 1, column: 1,
                        "expected 'namespace=prefix'"))
            }
            let namespace = String(halves[0]).replacing("\u{1}", with: ":").trimmingCharacters(in: " \t")
            result[namespace] = String(halves[1]).trimmingCharacters(in: " \t")
        }
        return result
    }
}
