/// The translatable content of a unit: text runs and inline codes, in order.
///
/// Paired codes (emphasis, links) appear as `.start` and `.end` with the same id, always properly nested;
/// standalone codes (code spans, line breaks, inline HTML, values) as `.placeholder`.
public struct Segment: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case start(String)
        case end(String)
        case placeholder(String)
    }

    public var pieces: [Piece]

    public init(_ pieces: [Piece] = []) {
        self.pieces = Self.merged(pieces)
    }

    /// Adjacent text runs joined, empty ones dropped, so two segments with the same content compare equal.
    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        for piece in pieces {
            if case .text(let text) = piece {
                if text.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                    continue
                }
            }
            result.append(piece)
        }
        return result
    }

    /// The text alone, codes left out.
    public var plainText: String {
        pieces.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }

    /// Whether there is any text other than whitespace to translate.
    public var hasText: Bool {
        pieces.contains { if case .text(let text) = $0 { text.contains { !$0.isWhitespace } } else { false } }
    }

    /// The segment without the line breaks and indentation that an XML pretty-printer put around it (a
    /// `<target>` written on lines of its own), when the source has none there: whitespace at an edge that
    /// holds a line break is layout, not text. Build, status and check all read targets through this.
    func withoutLayoutWhitespace(like source: Segment) -> Segment {
        func edge(_ piece: Piece?, leading: Bool) -> String {
            guard case .text(let text)? = piece else { return "" }
            let run =
                leading ? Array(text.prefix(while: \.isWhitespace)) : text.reversed().prefix(while: \.isWhitespace)
            return String(run)
        }
        func isLayout(_ run: String) -> Bool { run.contains(where: \.isNewline) }
        var pieces = self.pieces
        let leading = edge(pieces.first, leading: true)
        if isLayout(leading), !isLayout(edge(source.pieces.first, leading: true)),
            case .text(let text)? = pieces.first
        {
            pieces[0] = .text(String(text.dropFirst(leading.count)))
        }
        let trailing = edge(pieces.last, leading: false)
        if isLayout(trailing), !isLayout(edge(source.pieces.last, leading: false)),
            case .text(let text)? = pieces.last
        {
            pieces[pieces.count - 1] = .text(String(text.dropLast(trailing.count)))
        }
        return pieces == self.pieces ? self : Segment(pieces)
    }

    /// The ids of every code the segment uses.
    public var codeIDs: [String] {
        pieces.compactMap {
            switch $0 {
            case .text: nil
            case .start(let id), .placeholder(let id): id
            case .end: nil
            }
        }
    }
}

/// An inline code: a piece of markup or a value that the translator moves but cannot edit.
public struct InlineCode: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case emphasis, strong, strikethrough, link, image, code, html, lineBreak, autolink, value
        /// The `#` of a plural form: where the count goes.
        case count
    }

    public var id: String
    public var kind: Kind
    /// The original syntax: the whole code for a placeholder, the opening delimiter for a pair.
    public var opening: String
    /// The closing delimiter of a pair.
    public var closing: String
    /// The value behind a `.value` code.
    public var value: Value?
}
