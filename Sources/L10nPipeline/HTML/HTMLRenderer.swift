/// Puts an HTML document back together in one locale through libxml2's tree: each unit's element gets its
/// translated content (inline elements copied from the source around translated text), readable attributes
/// their translation, and values their formatting. Text is escaped by the serializer, so nothing a
/// translator typed becomes markup.
struct HTMLRenderer {
    let document: SourceDocument
    let formatter: ValueFormatter
    var variants: [String: [String: String]] = [:]

    func render(targets: [String: Segment], fallbackLanguage: String?) -> (bytes: [UInt8], problems: [Diagnostic]) {
        let changes = document.units.contains { unit in
            (targets[unit.id].map { $0 != unit.source } ?? false) || unit.codes.contains { $0.kind == .value }
                || (fallbackLanguage != nil && unit.isTranslatable)
        }
        guard changes else { return (document.bytes, []) }
        var problems: [Diagnostic] = []
        let tree: XMLTree
        do throws(DiagnosticError) {
            tree = try XMLTree.parseHTML(document.bytes, path: document.path)
        } catch {
            return (document.bytes, error.diagnostics)
        }
        let isWholeDocument = XMLTree.isWholeHTMLDocument(document.bytes)
        if isWholeDocument, document.locale != formatter.locale, !targets.isEmpty,
            let html = tree.topLevelElements.first(where: { $0.name.lowercased() == "html" })
        {
            html["lang"] = formatter.locale.tag
            html["dir"] = formatter.locale.isRightToLeft ? "rtl" : "ltr"
        }
        let ordered =
            document.units.filter { if case .attribute = $0.kind { true } else { false } }
            + document.units.filter { if case .attribute = $0.kind { false } else { true } }
        for unit in ordered {
            guard let place = unit.formatData as? HTMLPlace, let element = tree.element(at: place.element) else {
                continue
            }
            let target = targets[unit.id]
            let content = target ?? unit.source
            if case .attribute(let name) = unit.kind {
                element[name] = plainText(content, unit: unit, problems: &problems)
                continue
            }
            // Copies of the source's inline elements, taken before the content is replaced.
            var originals: [String: XMLElement] = [:]
            for code in unit.codes {
                if let codePath = place.codes[code.id], let found = descendant(of: element, at: codePath),
                    let copy = found.detachedCopy()
                {
                    originals[code.id] = copy
                }
            }
            element.removeAllChildren()
            var container = element
            if target == nil, let fallbackLanguage, unit.isTranslatable {
                let rightToLeft = LocaleTag(fallbackLanguage)?.isRightToLeft ?? false
                var attributes = [("lang", fallbackLanguage)]
                if rightToLeft != formatter.locale.isRightToLeft {
                    attributes.append(("dir", rightToLeft ? "rtl" : "ltr"))
                }
                container = element.append("span", attributes: attributes)
            } else if target != nil, !isWholeDocument, formatter.locale.isRightToLeft {
                element["dir"] = "rtl"
            }
            var stack = [container]
            for piece in content.pieces {
                let current = stack[stack.count - 1]
                switch piece {
                case .text(let text):
                    current.appendText(text)
                case .start(let id):
                    if let original = originals[id], let copy = current.appendCopy(of: original, deep: false) {
                        stack.append(copy)
                    }
                case .end:
                    if stack.count > 1 { stack.removeLast() }
                case .placeholder(let id):
                    if let code = unit.code(id), code.kind == .value {
                        current.appendText(format(code, unit: unit, problems: &problems))
                    } else if let original = originals[id] {
                        current.appendCopy(of: original, deep: true)
                    }
                }
            }
        }
        guard isWholeDocument else { return (tree.serializedHTMLFragment(), problems) }
        tree.dropImpliedDoctype(original: document.bytes)
        return (tree.serializedHTML(), problems)
    }

    private func descendant(of element: XMLElement, at path: [Int]) -> XMLElement? {
        var current: XMLElement? = element
        for index in path {
            guard let children = current?.childElements, index < children.count else { return nil }
            current = children[index]
        }
        return current
    }

    private func plainText(_ segment: Segment, unit: TranslationUnit, problems: inout [Diagnostic]) -> String {
        segment.pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(let id): unit.code(id).map { format($0, unit: unit, problems: &problems) } ?? ""
            case .start, .end: ""
            }
        }.joined()
    }

    private func format(_ code: InlineCode, unit: TranslationUnit, problems: inout [Diagnostic]) -> String {
        formatter.render(
            code, at: document.path, line: unit.line, variants: variants["\(unit.id)/\(code.id)"] ?? [:],
            problems: &problems)
    }
}
