/// A problem found in content, configuration or XLIFF, with the place it was found.
///
/// Lines and columns are 1-based; a column counts UTF-8 bytes from the start of the line, as cmark-gfm and
/// libxml2 report them. A position of 0 means "the whole file".
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(_ severity: Severity, path: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// The compiler-style form: `path:line:col: error: message`.
    public var description: String {
        var place = path
        if line > 0 {
            place += ":\(line)"
            if column > 0 { place += ":\(column)" }
        }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// Thrown when a run cannot go on; carries every problem found so far.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A problem without a file: the caller that knows the file turns it into a ``Diagnostic``.
struct PositionedError: Error, Sendable {
    var offset: Int
    var message: String
}
