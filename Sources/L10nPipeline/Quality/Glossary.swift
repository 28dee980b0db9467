/// The project's term list, `Locales/glossary.yml`: terms with their approved translation per locale, and
/// terms that must not be translated.
///
/// ```yaml
/// terms:
///   - en: rare cancer
///     nl: zeldzame kanker
///   - term: COHERENT
///     translate: no
/// ```
public struct Glossary: Sendable {
    /// One entry: its text by locale, or a do-not-translate term.
    public struct Term: Sendable {
        public var forms: [String: String]
        public var doNotTranslate: String?
    }

    public var terms: [Term] = []

    static let path = "Locales/glossary.yml"

    public init(terms: [Term] = []) {
        self.terms = terms
    }

    /// Whether a text is exactly a do-not-translate term: it is its own translation.
    func isKeptTerm(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        return terms.contains { $0.doNotTranslate == trimmed }
    }

    /// Reads the glossary of a project; an absent file is an empty glossary.
    public static func load(_ project: Project) throws(DiagnosticError) -> Glossary {
        let path = project.absolute(Self.path)
        guard let bytes = try FileStore.read(try project.contained(Self.path)) else { return Glossary() }
        let lines = LineIndex(bytes)
        func failure(_ offset: Int, _ message: String) -> DiagnosticError {
            let position = lines.position(of: offset)
            return DiagnosticError(
                Diagnostic(.error, path: path, line: position.line, column: position.column, message))
        }
        let root: YAMLNode?
        do throws(YAMLError) { root = try YAMLReader.parse(bytes) } catch { throw failure(error.offset, error.message) }
        guard let root else { return Glossary() }
        guard case .sequence(let entries, _)? = root["terms"] else {
            throw failure(root.start, "the glossary needs a 'terms:' list")
        }
        var glossary = Glossary()
        for entry in entries {
            guard case .mapping(let pairs, _) = entry else {
                throw failure(entry.start, "each term is a mapping (en: …, nl: …)")
            }
            var term = Term(forms: [:])
            var keep = false
            for (key, value) in pairs {
                guard case .scalar(let scalar) = value else {
                    throw failure(value.start, "'\(key.value)' needs a text")
                }
                switch key.value {
                case "term": term.doNotTranslate = scalar.value
                case "translate": keep = ["no", "false"].contains(scalar.value.lowercased())
                default:
                    guard LocaleTag(key.value) != nil else {
                        throw failure(key.range.lowerBound, "'\(key.value)' is not a locale")
                    }
                    term.forms[key.value] = scalar.value
                }
            }
            if !keep { term.doNotTranslate = nil }
            glossary.terms.append(term)
        }
        return glossary
    }
}
