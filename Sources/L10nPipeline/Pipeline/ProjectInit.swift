/// `ccl10n init`: a new content project in an empty folder, with one small sample page to try the
/// pipeline on, and, for a site layout, the smallest site its generator builds (configuration and one
/// page template that links the language versions). It refuses to overwrite anything.
public enum ProjectInit {
    /// The files of a new project with `layout`, relative to its folder, with their text.
    static func files(layout: SiteLayout.Kind) -> [(String, String)] {
        let output = layout == .plain ? "" : "output: { layout: \(layout.rawValue), site: \(SiteLayout.defaultSite) }\n"
        var files = [
            (
                "ccl10n.yml",
                """
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

                """ + output
            ),
            (
                "Sources-EN/welcome.md",
                """
                ---
                title: Welcome
                date: 2026-01-15
                ---

                # Welcome

                This page was written on {2026-01-15, date, long}. It reaches *{130000, number}* readers.

                """
            ),
            ("Sources-NL/.gitkeep", ""),
            ("Locales/.gitkeep", ""),
        ]
        let site = SiteLayout.defaultSite
        switch layout {
        case .plain: break
        case .hugo, .hugoSuffix:
            files.append(("\(site)/hugo.yaml", SiteTemplates.hugoConfig(byFolder: layout == .hugo)))
            files.append(("\(site)/layouts/_default/single.html", SiteTemplates.hugoPage))
            files.append(("\(site)/layouts/_default/list.html", SiteTemplates.hugoPage))
        case .jekyll:
            files.append(("\(site)/_config.yml", SiteTemplates.jekyllConfig))
            files.append(("\(site)/_layouts/page.html", SiteTemplates.jekyllPage))
        }
        return files
    }

    /// Creates the project; returns the files written, relative to `root`. Throws, writing nothing, when any
    /// of them exists already.
    public static func create(at root: String, layout: SiteLayout.Kind = .plain) throws(DiagnosticError) -> [String] {
        let files = files(layout: layout)
        let existing = files.map(\.0).filter { FileStore.exists(root + "/" + $0) }
        guard existing.isEmpty else {
            throw DiagnosticError(
                existing.map {
                    Diagnostic(.error, path: root + "/" + $0, "already exists; ccl10n init never overwrites a file")
                })
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
