import Testing

@testable import L10nPipeline

/// Edits an XLIFF file as a translator's tool would, through the library's libxml2 tree: units are found by
/// their content, so a test does not depend on how the serializer indents.
struct XLIFFEditing {
    let path: String
    let tree: XMLTree
    let root: XMLElement

    /// Opens the file at `path`; ``save()`` writes it back.
    init(_ path: String) throws {
        self.path = path
        tree = try XMLTree.parse(try #require(try FileStore.read(path), "no file at \(path)"), path: path)
        root = try #require(tree.root, "\(path) has no root element")
    }

    /// Writes the edited tree back, atomically.
    func save() throws {
        try FileStore.writeAtomically(tree.serialized(), to: path)
    }

    /// Every element below the root (the root included) with this local name, in document order.
    func elements(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ element: XMLElement) {
            if element.name == name { found.append(element) }
            element.childElements.forEach(walk)
        }
        walk(root)
        return found
    }

    /// XLIFF 1.2: each `<trans-unit>` whose `<source>` has `source` as inner XML and whose target is still
    /// `new` gets `target` as its target's inner XML and the given state, and a translator's note when one is
    /// given. Returns how many units changed.
    @discardableResult
    func translate12(source: String, target: String, state: String = "translated", note: String? = nil) throws -> Int {
        let wanted = try Fragment(source, in: root)
        let replacement = try Fragment(target, in: root)
        var changed = 0
        for unit in elements("trans-unit") {
            guard let sourceElement = unit.child("source"), wanted.matches(sourceElement),
                let targetElement = unit.child("target"), targetElement["state"] == "new"
            else { continue }
            replacement.copy(into: targetElement)
            targetElement["state"] = state
            if let note { Self.appendIndented(to: unit, "note", attributes: [("from", "translator")]).appendText(note) }
            changed += 1
        }
        return changed
    }

    /// XLIFF 2.x: each `initial` segment whose `<source>` has `source` as inner XML gets a `<target>` with
    /// `target` as inner XML and becomes `translated`. Returns how many segments changed.
    @discardableResult
    func translate21(source: String, target: String) throws -> Int {
        let wanted = try Fragment(source, in: root)
        let replacement = try Fragment(target, in: root)
        var changed = 0
        for segment in elements("segment") where (segment["state"] ?? "initial") == "initial" {
            guard let sourceElement = segment.child("source"), wanted.matches(sourceElement) else { continue }
            replacement.copy(into: segment.child("target") ?? Self.appendIndented(to: segment, "target"))
            segment["state"] = "translated"
            changed += 1
        }
        return changed
    }

    /// Appends a child element indented as the parent's last child element is, so that the file stays as
    /// ccl10n would write it.
    static func appendIndented(
        to parent: XMLElement, _ name: String,
        attributes: [(String, String)] = []
    ) -> XMLElement {
        let children = parent.children
        func whitespace(_ node: XMLNode?) -> String? {
            if case .text(let text, _)? = node, text.allSatisfy(\.isWhitespace) { text } else { nil }
        }
        let lastElement = children.lastIndex { if case .element = $0 { true } else { false } }
        let indentation = lastElement.flatMap { $0 > 0 ? whitespace(children[$0 - 1]) : nil } ?? ""
        let trailing = whitespace(children.last)
        if trailing != nil { children.last?.remove() }
        parent.appendText(indentation)
        let child = parent.append(name, attributes: attributes)
        if let trailing { parent.appendText(trailing) }
        return child
    }

    /// Inner XML parsed in the namespace of the file's root, to compare with or copy into an element.
    struct Fragment {
        let tree: XMLTree
        let element: XMLElement

        /// `declarations` adds namespace declarations (`xmlns:sdl="…"`) for prefixes the inner XML uses.
        init(_ innerXML: String, in root: XMLElement, declarations: String = "") throws {
            let namespace = root.namespace.map { " xmlns=\"\($0)\"" } ?? ""
            let text = "<fragment\(namespace) \(declarations)>\(innerXML)</fragment>"
            tree = try XMLTree.parse(Array(text.utf8), path: "fragment")
            element = try #require(tree.root)
        }

        /// Whether `other` has the same content: the same text, and elements of the same names and attributes.
        func matches(_ other: XMLElement) -> Bool {
            Self.same(element, other)
        }

        private static func same(_ left: XMLElement, _ right: XMLElement) -> Bool {
            let leftChildren = left.children
            let rightChildren = right.children
            guard leftChildren.count == rightChildren.count else { return false }
            return zip(leftChildren, rightChildren).allSatisfy { pair in
                switch pair {
                case (.text(let a, _), .text(let b, _)): a == b
                case (.element(let a), .element(let b)):
                    a.name == b.name
                        && a.allAttributes.map { "\($0.name)=\($0.value)" }
                            == b.allAttributes.map { "\($0.name)=\($0.value)" }
                        && same(a, b)
                default: false
                }
            }
        }

        /// Inserts copies of this fragment's elements before `reference`, using the namespace declarations
        /// in scope there.
        func insert(before reference: XMLElement) throws {
            let parent = try #require(reference.parent)
            for child in element.childElements {
                parent.appendCopy(of: .element(child))
                parent.insert(try #require(parent.childElements.last), before: reference)
            }
        }

        /// Replaces the content of `target` with a copy of this fragment's content.
        func copy(into target: XMLElement) {
            for child in target.children { child.remove() }
            for child in element.children { target.appendCopy(of: child) }
        }
    }
}
