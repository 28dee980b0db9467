/// Puts a Markdown document back together in one locale: its skeleton bytes, each unit's chosen text, and every
/// value formatted for the locale.
struct MarkdownRenderer {
    let document: SourceDocument
    let formatter: ValueFormatter
    var variants: [String: [String: String]] = [:]

    /// The document's bytes with each unit in `targets` (by unit id) translated and every other unit in its
    /// source text. A target equal to its source gives the unit's original bytes. With `fallbackLanguage`,
    /// Markdown units without a target are wrapped in `<span lang="…">` so the page says which parts are in
    /// another language.
    func render(targets: [String: Segment], fallbackLanguage: String?) -> (bytes: [UInt8], problems: [Diagnostic]) {
        var output: [UInt8] = []
        output.reserveCapacity(document.bytes.count + document.bytes.count / 4)
        var problems: [Diagnostic] = []
        var cursor = 0
        var companions = (document.formatData as? [MarkdownReader.DateCompanion] ?? [])[...]
        func writeCompanions(upTo offset: Int) {
            while let companion = companions.first, companion.offset <= offset {
                companions.removeFirst()
                output += document.bytes[cursor..<companion.offset]
                cursor = companion.offset
                let value = Value(kind: .date(companion.date), style: .keyword("long"), raw: "")
                let shown = (try? formatter.format(value)) ?? ""
                output += Array("\n\(companion.key)_localized: \(YAMLQuoting.doubleQuoted(shown))".utf8)
            }
        }
        let ordered = document.units.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        // Units inside another (links' titles), in order: each is written with the unit that holds it.
        var titleUnits = ordered.filter { if case .attribute = $0.kind { true } else { false } }[...]
        for unit in ordered {
            guard unit.range.lowerBound >= cursor else { continue }
            writeCompanions(upTo: unit.range.lowerBound)
            output += document.bytes[cursor..<unit.range.lowerBound]
            cursor = unit.range.upperBound
            let text: String
            var titles: [Title] = []
            while let title = titleUnits.first, title.range.lowerBound < unit.range.upperBound {
                titleUnits.removeFirst()
                guard unit.range.lowerBound <= title.range.lowerBound, title.range.upperBound <= unit.range.upperBound
                else { continue }
                titles.append(Self.title(title, targets: targets))
            }
            if let target = targets[unit.id], target != unit.source {
                text = renderTranslated(target, unit: unit, titles: titles, problems: &problems)
            } else if case .frontMatter = unit.kind, !unit.codes.isEmpty {
                text = renderTranslated(unit.source, unit: unit, titles: titles, problems: &problems)
            } else {
                let raw = renderSource(unit, titles: titles, problems: &problems)
                let isMarkdown = if case .frontMatter = unit.kind { false } else { true }
                // A target equal to its source is a translation the translator kept as it is, not a fallback.
                if let fallbackLanguage, unit.isTranslatable, isMarkdown, targets[unit.id] == nil {
                    text = "<span \(Self.languageAttributes(fallbackLanguage, within: formatter.locale))>\(raw)</span>"
                } else {
                    text = raw
                }
            }
            output += Array(text.utf8)
        }
        writeCompanions(upTo: document.bytes.count)
        output += document.bytes[cursor...]
        return (output, problems)
    }

    /// `lang` (and `dir` where the direction changes) for text in `language` inside a page in `page`.
    static func languageAttributes(_ language: String, within page: LocaleTag) -> String {
        let rightToLeft = LocaleTag(language)?.isRightToLeft ?? false
        if rightToLeft == page.isRightToLeft { return "lang=\"\(language)\"" }
        return "lang=\"\(language)\" dir=\"\(rightToLeft ? "rtl" : "ltr")\""
    }

    /// A link's or image's title inside a unit: its bytes between the delimiters, and its translation
    /// escaped for Markdown, or nil to keep the bytes as written.
    typealias Title = (range: Range<Int>, text: String?)

    static func title(_ unit: TranslationUnit, targets: [String: Segment]) -> Title {
        guard let target = targets[unit.id], target != unit.source else { return (unit.range, nil) }
        return (unit.range, MarkdownEscaper.escapeTitle(target.plainText))
    }

    /// The unit's own bytes, with its values formatted and its links' titles translated.
    private func renderSource(_ unit: TranslationUnit, titles: [Title], problems: inout [Diagnostic]) -> String {
        var result = ""
        var cursor = unit.range.lowerBound
        let values = unit.valueRanges.map { (range: $0.range, codeID: Optional($0.codeID), title: String?.none) }
        let translatedTitles = titles.compactMap { title in
            title.text.map { (range: title.range, codeID: String?.none, title: Optional($0)) }
        }
        let replaced = (values + translatedTitles).sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (range, codeID, title) in replaced {
            result += String(decoding: document.bytes[cursor..<range.lowerBound], as: UTF8.self)
            result += title ?? formatValue(codeID.flatMap(unit.code), unit: unit, problems: &problems)
            cursor = range.upperBound
        }
        result += String(decoding: document.bytes[cursor..<unit.range.upperBound], as: UTF8.self)
        return result
    }

    /// A translated segment rendered as Markdown (or as a YAML string for front matter).
    private func renderTranslated(
        _ segment: Segment, unit: TranslationUnit, titles: [Title] = [],
        problems: inout [Diagnostic]
    ) -> String {
        let isFrontMatter = if case .frontMatter = unit.kind { true } else { false }
        var result = ""
        // The index of the last piece that writes something: text after it ends the unit.
        let lastPiece = segment.pieces.lastIndex { piece in
            switch piece {
            case .text: true
            case .placeholder(let id): unit.code(id)?.kind == .value
            case .start, .end: false
            }
        }
        for (index, piece) in segment.pieces.enumerated() {
            var place = MarkdownEscaper.Place()
            place.unitStart = result.isEmpty
            place.unitEnd =
                index == lastPiece
                && !segment.pieces[(index + 1)...].contains { piece in
                    if case .placeholder(let id) = piece { unit.code(id)?.kind != .lineBreak } else { false }
                }
            place.lineStart = unit.kind == .paragraph && (result.isEmpty || result.hasSuffix("\n"))
            if case .heading = unit.kind { place.heading = true }
            switch piece {
            case .text(let text):
                result += isFrontMatter ? text : MarkdownEscaper.escape(text, at: place)
            case .start(let id):
                result += isFrontMatter ? "" : unit.code(id)?.opening ?? ""
            case .end(let id):
                result += isFrontMatter ? "" : withTitles(unit.code(id)?.closing ?? "", titles)
            case .placeholder(let id):
                guard let code = unit.code(id) else { continue }
                if code.kind == .value {
                    let shown = formatValue(code, unit: unit, problems: &problems)
                    result += isFrontMatter ? shown : MarkdownEscaper.escape(shown, at: place)
                } else if !isFrontMatter {
                    result += code.opening
                }
            }
        }
        if isFrontMatter { return YAMLQuoting.scalar(result, like: unit.formatData as? YAMLScalar.Style) }
        // Spaces at the edges of a block would change its Markdown meaning (text's own are references by now).
        return result.trimmingCharacters(in: " \t")
    }

    /// A link's closing syntax with its title translated: the title as written, between its delimiters, is
    /// replaced (the last occurrence: the title comes after the destination).
    private func withTitles(_ closing: String, _ titles: [Title]) -> String {
        var result = closing
        for title in titles {
            guard let text = title.text, title.range.lowerBound > 0, title.range.upperBound < document.bytes.count
            else { continue }
            let delimited = (title.range.lowerBound - 1)..<(title.range.upperBound + 1)
            let written = String(decoding: document.bytes[delimited], as: UTF8.self)
            guard let found = result.ranges(of: written).last else { continue }
            let open = String(decoding: [document.bytes[title.range.lowerBound - 1]], as: UTF8.self)
            let close = String(decoding: [document.bytes[title.range.upperBound]], as: UTF8.self)
            result.replaceSubrange(found, with: open + text + close)
        }
        return result
    }

    private func formatValue(_ code: InlineCode?, unit: TranslationUnit, problems: inout [Diagnostic]) -> String {
        formatter.render(
            code, at: document.path, line: unit.line, variants: variants["\(unit.id)/\(code?.id ?? "")"] ?? [:],
            problems: &problems)
    }
}
