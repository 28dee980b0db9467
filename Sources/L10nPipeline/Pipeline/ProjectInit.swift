/// `ccl10n init`: a new content project in an empty folder, with one small sample page to try the
/// pipeline on. It refuses to overwrite anything.
public enum ProjectInit {
    static let files: [(String, String)] = [
        ("ccl10n.yml", """
            # ccl10n configuration: every key is optional (see the README).
            sources:
              - path: Sources-EN
                locale: en
              - path: Sources-NL
                locale: nl
            targets: [en, nl]
            segmentation: sentence
            front_matter: [title, description]
            publish: { threshold: 0.8, min_state: translated }

            """),
        ("Sources-EN/welcome.md", """
            ---
            title: Welcome
            date: 2026-01-15
            ---

            # Welcome

            This page was written on {2026-01-15, date, long}. It reaches *{130000, number}* readers.

            """),
        ("Sources-NL/.gitkeep", ""),
        ("Locales/.gitkeep", ""),
    ]

    /// Creates the project; returns the files written, relative to `root`. Throws, writing nothing, when any
    /// of them exists already.
    public static func create(at root: String) throws(DiagnosticError) -> [String] {
        let existing = files.map(\.0).filter { FileStore.exists(root + "/" + $0) }
        guard existing.isEmpty else {
            throw DiagnosticError(existing.map { Diagnostic(.error, path: root + "/" + $0, "already exists; ccl10n init never overwrites a file") })
        }
        try FileStore.makeFolder(root)
        let realRoot = FileStore.realPath(root) ?? root
        // Through the path gate, like every other write: a Sources-NL linked elsewhere is refused.
        let paths = try files.map { (path, _) throws(DiagnosticError) in
            try Project.contained(path, root: root, realRoot: realRoot)
        }
        for ((_, text), path) in zip(files, paths) {
            try FileStore.writeAtomically(Array(text.utf8), to: path)
        }
        return files.map(\.0)
    }
}
