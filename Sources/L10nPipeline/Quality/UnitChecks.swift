/// The checks of one translated unit against its source: codes, values, numbers, whitespace, punctuation,
/// length, glossary terms and markup smuggled into the text.
struct UnitChecks {
    /// One problem found.
    struct Problem: Equatable {
        var severity: Diagnostic.Severity
        var rule: String
        var message: String
    }

    let sourceLocale: LocaleTag
    let targetLocale: LocaleTag
    let glossary: Glossary
    private let sourceNumbers: NumberReader?
    private let targetNumbers: NumberReader?

    init(source: LocaleTag, target: LocaleTag, glossary: Glossary) {
        sourceLocale = source
        targetLocale = target
        self.glossary = glossary
        sourceNumbers = NumberReader(locale: source)
        targetNumbers = NumberReader(locale: target)
    }

    /// What is wrong with `target` as a translation of `unit`; empty when nothing is.
    func problems(_ target: Segment, of unit: TranslationUnit) -> [Problem] {
        var problems: [Problem] = []
        func add(_ severity: Diagnostic.Severity, _ rule: String, _ message: String) {
            problems.append(Problem(severity: severity, rule: rule, message: message))
        }
        if let problem = TranslationSelection.codeProblem(target, of: unit) { add(.error, "codes", problem) }
        let used = Set(target.codeIDs)
        for code in unit.codes where unit.source.codeIDs.contains(code.id) && !used.contains(code.id) {
            if code.kind == .value {
                add(.error, "value-missing", "the value \(code.opening) ({\(code.id)}) is missing from the target")
            } else if code.kind != .count {
                add(
                    .warning, "code-missing",
                    "the \(code.kind.rawValue) code {\(code.id)} (\(code.opening)) is missing from the target")
            }
        }
        let source = Self.checkText(unit.source)
        let text = Self.checkText(target)
        let lowered = text.lowercased()
        if lowered.contains("<script") || lowered.contains("javascript:") || Self.hasEventAttribute(lowered) {
            add(
                .error, "markup",
                "the target carries markup that could run (<script>, an on… attribute or a javascript: link)")
        }
        // A unit that is a do-not-translate term is right to stay as it is.
        let isKeptTerm = glossary.isKeptTerm(source)
        let hasWords = source.split(whereSeparator: { !$0.isLetter }).contains(where: { $0.count >= 4 })
        if text == source, !isKeptTerm, hasWords, sourceLocale != targetLocale {
            add(.warning, "untranslated", "the target is the source text, untranslated")
        }
        if let sourceNumbers, let targetNumbers {
            let expected = sourceNumbers.numbers(in: source).sorted()
            let found = targetNumbers.numbers(in: text).sorted()
            if expected != found {
                add(
                    .warning, "numbers",
                    "numbers differ: the source has \(Self.list(expected)), the target \(Self.list(found))")
            }
        }
        if source.first?.isWhitespace != text.first?.isWhitespace
            || source.last?.isWhitespace != text.last?.isWhitespace
        {
            add(.warning, "whitespace", "leading or trailing whitespace differs from the source")
        }
        let endings: Set<Character> = [".", "!", "?", ":", ";", "…"]
        if let last = source.trimmingCharacters(in: " \t").last, endings.contains(last),
            text.trimmingCharacters(in: " \t").last.map({ !endings.contains($0) }) ?? true
        {
            add(.warning, "punctuation", "the source ends with '\(last)', the target does not end a sentence")
        }
        if text.contains("  ") && !source.contains("  ") { add(.warning, "spaces", "the target has doubled spaces") }
        if source.count >= 20, !text.isEmpty {
            let ratio = Double(text.count) / Double(source.count)
            if ratio > 3 || ratio < 0.33 {
                add(.warning, "length", "the target is \(Int(ratio * 100))% of the source's length")
            }
        }
        for term in glossary.terms {
            if let keep = term.doNotTranslate {
                if source.localizedContains(keep), !text.contains(keep) {
                    add(.warning, "do-not-translate", "'\(keep)' must stay as it is")
                }
            } else if let sourceTerm = term.forms[sourceLocale.tag], let targetTerm = term.forms[targetLocale.tag],
                source.localizedContains(sourceTerm), !text.localizedContains(targetTerm)
            {
                add(.warning, "glossary", "'\(sourceTerm)' should be translated as '\(targetTerm)'")
            }
        }
        return problems
    }

    /// The text of a segment as the checks read it: a placeholder (a value, a line break) stands as one
    /// object character, so the words around it do not run together.
    static func checkText(_ segment: Segment) -> String {
        segment.pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder: "\u{FFFC}"
            case .start, .end: ""
            }
        }.joined()
    }

    /// `on…=` in something that looks like a tag: an event handler.
    static func hasEventAttribute(_ lowered: String) -> Bool {
        guard lowered.contains("<") else { return false }
        let words = lowered.split(whereSeparator: { $0.isWhitespace || $0 == "<" })
        return words.contains {
            $0.hasPrefix("on") && $0.contains("=") && $0.prefix { $0 != "=" }.allSatisfy(\.isLetter)
        }
    }

    static func list(_ numbers: [Double]) -> String {
        numbers.isEmpty ? "none" : numbers.map(show).joined(separator: ", ")
    }

    static func show(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

extension String {
    /// Case-insensitive containment, for terms.
    func localizedContains(_ other: String) -> Bool {
        lowercased().contains(other.lowercased())
    }
}
