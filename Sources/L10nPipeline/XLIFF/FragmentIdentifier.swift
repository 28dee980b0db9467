/// An XLIFF 2 fragment identifier, such as `#/f=f1/u=u1/n=n1`, `#n=n1` or `#m1`.
///
/// Syntax (XLIFF 2.1, "Fragment Identification"): `#`, an optional `/` for an absolute path, then parts
/// separated by `/`, each `prefix=id` or a bare `id`. `f` (file), `g` (group) and `u` (unit) walk down the
/// structure in that order; one leaf may end the path: `n` (note), `d` (data), `t` (target inline element),
/// a module's prefix (`gls=…`), or a bare id (a source inline element).
struct FragmentIdentifier {
    struct Part {
        var prefix: String?
        var id: String
    }

    var isAbsolute: Bool
    var parts: [Part]

    /// Prefixes XLIFF itself defines; single-letter prefixes are reserved for it.
    static let corePrefixes: Set<String> = ["f", "g", "u", "n", "d", "t"]

    init?(_ text: String) {
        guard text.hasPrefix("#") else { return nil }
        var body = text.dropFirst()
        isAbsolute = body.hasPrefix("/")
        if isAbsolute { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        var parts: [Part] = []
        for piece in body.split(separator: "/", omittingEmptySubsequences: false) {
            let halves = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if halves.count == 2 {
                parts.append(Part(prefix: String(halves[0]), id: String(halves[1])))
            } else {
                parts.append(Part(prefix: nil, id: String(piece)))
            }
        }
        self.parts = parts
    }

    /// What is wrong with the path, or nil; `registered` are the module and extension prefixes in force.
    func problem(registered: Set<String>) -> String? {
        let leafPrefixes: Set<String> = ["n", "d", "t"]
        var level = 0  // 0 start, 1 after f, 2 after g, 3 after u, 4 after a leaf
        for (index, part) in parts.enumerated() {
            guard XLIFF2Rules.isNMTOKEN(part.id) else {
                return "'\(part.id)' in a fragment identifier is not a valid id"
            }
            guard level < 4 else { return "nothing can follow a leaf in a fragment identifier" }
            guard let prefix = part.prefix else {
                if index != parts.count - 1 || parts.count > 1 && parts[index - 1].prefix == nil {
                    return "a bare id can only end a fragment identifier"
                }
                level = 4
                continue
            }
            guard XLIFF2Rules.isNMTOKEN(prefix), !prefix.contains(":") else {
                return "'\(prefix)' is not a valid fragment prefix"
            }
            if isAbsolute, index == 0, prefix != "f" { return "an absolute fragment identifier starts with f=" }
            switch prefix {
            case "f":
                guard level == 0 else { return "f= must come first in a fragment identifier" }
                level = 1
            case "g":
                guard level == 1 || level == 2 else { return "g= must follow f= or g=" }
                level = 2
            case "u":
                guard level <= 2, level != 0 || !isAbsolute else { return "u= must follow f= or g=, once" }
                level = 3
            case _ where leafPrefixes.contains(prefix):
                if prefix != "n" && level != 3 && (level != 0 || isAbsolute) {
                    return "\(prefix)= must be inside a unit"
                }
                level = 4
            default:
                guard prefix.count > 1, registered.contains(prefix) else {
                    return "fragment prefix '\(prefix)' is not registered"
                }
                level = 4
            }
        }
        return nil
    }
}
