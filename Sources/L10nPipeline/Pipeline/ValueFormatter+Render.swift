/// Values as a document shows them: what both renderers write where a value code stands.
extension ValueFormatter {
    /// A value code as the locale writes it; a value ICU cannot format is reported and left as written.
    func render(
        _ code: InlineCode?, at path: String, line: Int, variants: [String: String] = [:],
        problems: inout [Diagnostic]
    ) -> String {
        guard let code, let value = code.value else { return "" }
        do {
            return try format(value, variants: variants)
        } catch {
            problems.append(
                Diagnostic(
                    .error, path: path, line: line, column: 0,
                    "cannot format \(value.raw) for \(locale.tag): \(error)"))
            return value.raw
        }
    }
}
