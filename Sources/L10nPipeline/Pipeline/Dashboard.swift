/// `ccl10n report`: a static, self-contained dashboard, `Bundles/report/index.html` (no scripts, no outside
/// assets): per locale a progress bar of words by state, the documents with their completeness, the units
/// waiting for review with their previous source, and the check's findings. Its figures are `status --json`'s.
public enum Dashboard {
    static let path = "Bundles/report/index.html"

    static let colors: [String: String] = [
        "final": "#1b7f3b", "signed-off": "#2e9d50", "translated": "#5cc07a", "needs-review-translation": "#e0a800",
        "unapproved": "#e07b00", "new": "#c9d1db", "missing": "#9aa5b1", "stale": "#d64545",
    ]
    static let order = [
        "final", "signed-off", "translated", "needs-review-translation", "unapproved", "new", "missing", "stale",
    ]

    /// Writes the dashboard; returns its path relative to the project root, the problems met reading the
    /// project (also shown on the page) and the exit code they call for.
    public static func write(_ project: Project) throws(DiagnosticError)
        -> (path: String, problems: [String], exitCode: Int32)
    {
        let status = StatusReport.collect(project)
        let quality = QualityReport.collect(project)
        var html = "<h1>Translation status</h1>\n"
        for locale in status.locales {
            html += section(locale, project: project, findings: quality.findings.filter { $0.locale == locale.locale })
        }
        if !status.diagnostics.isEmpty {
            html +=
                "<h2>Problems reading the project</h2>\n<ul>\n"
                + status.diagnostics.map { "<li>\(MarkupEscaping.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        let head =
            "<meta charset=\"utf-8\">\n<title>ccl10n report</title>\n<style>\(HTMLPage.stylesheet)\(style)</style>\n"
        let page = HTMLPage.document(head: head, body: "<main>\n\(html)</main>\n", language: .english)
        try FileStore.writeAtomically(Array(page.utf8), to: try project.contained(path))
        return (path, status.diagnostics, status.problemsExitCode)
    }

    static let style = """
        .bar{display:flex;height:1.4em;border-radius:4px;overflow:hidden;background:#eef1f5;margin:.4em 0 1em}
        .bar span{display:block;height:100%}.legend span{display:inline-block;margin-right:1em}
        .legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border-radius:2px}
        del{background:#fde2e1;text-decoration:line-through}ins{background:#dcf5e1;text-decoration:none}
        td{vertical-align:top}.error{color:#b3261e}.warning{color:#8a6d00}
        """

    private static func section(_ locale: StatusReport.Locale, project: Project, findings: [QualityReport.Finding])
        -> String
    {
        let share = Int((locale.share * 100).rounded(.down))
        var html = "<section data-locale=\"\(locale.locale)\">\n<h2>\(locale.locale)</h2>\n"
        html +=
            "<p class=\"meta\"><span class=\"share\" data-share=\"\(share)\">\(share)%</span> of \(locale.words) words publishable"
        html +=
            " (threshold \(Int((locale.threshold * 100).rounded()))%), \(locale.documents.count) documents, \(locale.units) units</p>\n"
        var words: [String: Int] = [:]
        for document in locale.documents {
            for (state, count) in document.wordsByState { words[state, default: 0] += count }
        }
        html += "<div class=\"bar\" data-words=\"\(locale.words)\" data-publishable=\"\(locale.publishableWords)\">"
        for state in order where (words[state] ?? 0) > 0 {
            let count = words[state] ?? 0
            let width = locale.words == 0 ? 0 : Double(count) * 100 / Double(locale.words)
            html +=
                "<span class=\"state\" data-state=\"\(state)\" data-words=\"\(count)\" title=\"\(state): \(count) words\" style=\"width:\(String(format1: width))%;background:\(colors[state] ?? "#999")\"></span>"
        }
        html +=
            "</div>\n<p class=\"legend\">"
            + order.filter { (words[$0] ?? 0) > 0 }.map {
                "<span><i style=\"background:\(colors[$0] ?? "#999")\"></i>\($0) \(words[$0] ?? 0)</span>"
            }.joined() + "</p>\n"

        html +=
            "<table class=\"documents\">\n<tr><th>Document</th><th>Words</th><th>Publishable</th><th>Units by state</th></tr>\n"
        for document in locale.documents {
            let states = document.unitsByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            html +=
                "<tr data-path=\"\(MarkupEscaping.escape(document.path))\" data-share=\"\(Int((document.share * 100).rounded(.down)))\">"
            html +=
                "<td><a href=\"../../\(HTMLPage.percentEncoded(document.xliff))\">\(MarkupEscaping.escape(document.path))</a></td><td>\(document.words)</td>"
            html +=
                "<td>\(Int((document.share * 100).rounded(.down)))%\(document.wouldPublish ? "" : " (below threshold)")</td><td>\(states)</td></tr>\n"
        }
        html += "</table>\n" + reviews(locale, project: project) + findingsTable(findings) + "</section>\n"
        return html
    }

    /// The units waiting for review: previous source, current source (changes marked) and the old target.
    private static func reviews(_ locale: StatusReport.Locale, project: Project) -> String {
        var rows = ""
        for document in locale.documents {
            guard let bytes = project.readIfReadable(document.xliff),
                let file = try? XLIFFFile.parse(bytes, path: document.xliff)
            else { continue }
            for unit in file.units where unit.state == .needsReview {
                let previous = unit.previousSource?.plainText ?? ""
                let current = unit.source.plainText
                rows +=
                    "<tr class=\"review\"><td><a href=\"../../\(HTMLPage.percentEncoded(document.xliff))\">\(MarkupEscaping.escape(document.path))</a>"
                rows +=
                    " line \(unit.element.line)</td><td>\(diff(previous, current))</td><td>\(MarkupEscaping.escape(unit.target?.plainText ?? ""))</td></tr>\n"
            }
        }
        guard !rows.isEmpty else { return "<p class=\"meta\">No unit is waiting for review.</p>\n" }
        return
            "<h3>Waiting for review</h3>\n<table>\n<tr><th>Where</th><th>Source: previous → now</th><th>Target</th></tr>\n\(rows)</table>\n"
    }

    private static func findingsTable(_ findings: [QualityReport.Finding]) -> String {
        let shown = findings.filter { $0.rule != "untranslated" }
        guard !shown.isEmpty else { return "<p class=\"meta\">The check found nothing to report.</p>\n" }
        var html =
            "<h3>Check findings</h3>\n<table class=\"findings\">\n<tr><th>Where</th><th>Unit</th><th>Finding</th></tr>\n"
        for finding in shown {
            html +=
                "<tr class=\"\(finding.severity)\"><td><a href=\"../../\(HTMLPage.percentEncoded(finding.path))\">\(MarkupEscaping.escape(finding.path))</a> line \(finding.line)</td>"
            html +=
                "<td>\(MarkupEscaping.escape(finding.unit))</td><td class=\"\(finding.severity)\">\(finding.severity): \(MarkupEscaping.escape(finding.message)) (\(finding.rule))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// Words removed from `old` marked `<del>`, words added in `new` marked `<ins>` (longest common subsequence).
    static func diff(_ old: String, _ new: String) -> String {
        let a = old.split(separator: " ").map(String.init)
        let b = new.split(separator: " ").map(String.init)
        guard !a.isEmpty else { return MarkupEscaping.escape(new) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var parts: [String] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                parts.append(MarkupEscaping.escape(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                parts.append("<del>\(MarkupEscaping.escape(a[i]))</del>")
                i += 1
            } else {
                parts.append("<ins>\(MarkupEscaping.escape(b[j]))</ins>")
                j += 1
            }
        }
        return parts.joined(separator: " ")
    }
}

extension String {
    /// A number with one decimal.
    init(format1 number: Double) {
        let tenths = Int((number * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
