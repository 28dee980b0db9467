/// A problem found in content, configuration or XLIFF, with the place it was found.
///
/// Lines and columns are 1-based; a column counts UTF-8 bytes from the start of the line, as cmark-gfm and
/// libxml2 report them. A position of 0 means "the whole file".
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// Whether the content is at fault or the place it runs in (a file that cannot be written, a full disk,
    /// a refused link): the CLI exits 1 for the first, 2 for the second.
    public enum Category: String, Sendable, Hashable, Codable {
        case content, environment
    }

    public var severity: Severity
    public var category: Category
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(
        _ severity: Severity, _ category: Category = .content, path: String, line: Int = 0, column: Int = 0,
        _ message: String
    ) {
        self.severity = severity
        self.category = category
        self.path = path
        self.line = line
        self.column = column
        self.message = Self.shortened(message)
    }

    /// The longest message kept whole, in characters.
    static let maximumMessageLength = 600

    /// A message that quotes a huge value (a megabyte-long scalar, say) keeps its beginning and its end, where
    /// the explanation usually is; the middle gives way to a count of what was left out.
    static func shortened(_ message: String) -> String {
        guard message.utf8.count > maximumMessageLength, message.count > maximumMessageLength else { return message }
        let left = message.count - 500
        return "\(message.prefix(400)) … (\(left) characters left out) … \(message.suffix(100))"
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

extension Collection<Diagnostic> {
    /// The exit code the CLI documents for these problems: 0 none, 1 content errors, 2 when the environment
    /// failed (a file that cannot be read or written, a refused link).
    public var exitCode: Int32 {
        let errors = filter { $0.severity == .error }
        if errors.contains(where: { $0.category == .environment }) { return 2 }
        return errors.isEmpty ? 0 : 1
    }
}

/// A report that lists the problems met while it was collected (`status`, `check`), as the CLI prints them.
protocol ProblemCollecting {
    var diagnostics: [String] { get set }
    /// The exit code the problems in `diagnostics` call for (2 when the environment failed).
    var problemsExitCode: Int32 { get set }
}

extension ProblemCollecting {
    /// Adds problems met while collecting.
    mutating func add(_ problems: [Diagnostic]) {
        diagnostics += problems.map(\.description)
        problemsExitCode = max(problemsExitCode, problems.exitCode)
    }
}
