/// The forms of plural and select values as units of their own, so translators write each form as plain
/// text (with `#` as a code) and never touch ICU syntax. A plural value gets exactly the target locale's
/// categories from ICU's plural rules (Dutch one/other, Polish one/few/many/other, Arabic all six), plus any
/// `=N` forms the source has.
enum VariantUnits {
    /// The id of one form: `<unit>.v<code>.<key>`, with `=N` written `eqN` (XLIFF 2 ids are NMTOKENs).
    static func id(unit: String, code: String, key: String) -> String {
        "\(unit).v\(code).\(key.hasPrefix("=") ? "eq" + key.dropFirst() : key)"
    }

    /// The form units of every plural and select value of a unit, for a target locale.
    static func expand(_ unit: TranslationUnit, target: LocaleTag, rules: (Bool) throws(ICUError) -> PluralRules)
        -> [TranslationUnit]
    {
        var result: [TranslationUnit] = []
        for code in unit.codes {
            guard let value = code.value else { continue }
            let keys: [String]
            let variants: [Value.Variant]
            var isPlural = false
            switch value.kind {
            case .plural(_, let sourceVariants, let ordinal):
                variants = sourceVariants
                isPlural = true
                let categories = (try? rules(ordinal).categories) ?? ["other"]
                keys = sourceVariants.map(\.key).filter { $0.hasPrefix("=") } + categories
            case .select(_, let sourceVariants):
                variants = sourceVariants
                keys = sourceVariants.map(\.key)
            case .date, .dateRange, .time, .number, .currency:
                continue
            }
            for key in keys {
                let text = variants.first { $0.key == key }?.text ?? variants.first { $0.key == "other" }?.text ?? ""
                let (segment, codes) = segment(text, count: isPlural)
                result.append(
                    TranslationUnit(
                        id: id(unit: unit.id, code: code.id, key: key), kind: .variant(key: key), source: segment,
                        codes: codes,
                        // Every form's note names the value and its sentence: shortened, so that a long one is not
                        // repeated in full once per form.
                        context: "The '\(key)' form of value {\(code.id)} \(value.raw.abbreviated) in: "
                            + unit.source.plainText.abbreviated
                            + (isPlural ? "\n# stands for the number." : ""),
                        range: unit.range, valueRanges: [], line: unit.line, isTranslatable: true))
            }
        }
        return result
    }

    /// A form's text as a segment: nested values and (in plural forms) `#` as codes.
    static func segment(_ text: String, count: Bool) -> (Segment, [InlineCode]) {
        let (base, valueCodes, _) = MarkdownReader.segment(ofPlainText: text)
        var codes = valueCodes
        guard count else { return (base, codes) }
        var pieces: [Segment.Piece] = []
        for piece in base.pieces {
            guard case .text(let text) = piece, text.contains("#") else {
                pieces.append(piece)
                continue
            }
            for (index, part) in text.split(separator: "#", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { pieces.append(.placeholder("n")) }
                pieces.append(.text(String(part)))
            }
        }
        if pieces.contains(.placeholder("n")) {
            codes.append(InlineCode(id: "n", kind: .count, opening: "#", closing: ""))
        }
        return (Segment(pieces), codes)
    }

    /// A translated form back to the text the formatter expands: `#` for the count, nested values as written.
    static func text(of segment: Segment, codes: [InlineCode]) -> String {
        segment.pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(let id): codes.first { $0.id == id }?.opening ?? ""
            case .start, .end: ""
            }
        }.joined()
    }
}

extension String {
    /// The string, or its first 200 characters and an ellipsis when it is longer.
    var abbreviated: String { count > 200 ? prefix(200) + "…" : self }
}
