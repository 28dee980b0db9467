internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// A node of an ``XMLTree``; it keeps its tree alive, and is never shared across tasks.
enum XMLNode {
    case element(XMLElement)
    case text(String, Handle)
    case other(Handle)

    /// A node that is not an element, with the tree that owns it.
    struct Handle {
        let pointer: xmlNodePtr
        let tree: XMLTree
    }

    var pointer: xmlNodePtr {
        switch self {
        case .element(let element): element.node
        case .text(_, let handle), .other(let handle): handle.pointer
        }
    }

    private var tree: XMLTree {
        switch self {
        case .element(let element): element.tree
        case .text(_, let handle), .other(let handle): handle.tree
        }
    }

    init(_ node: xmlNodePtr, in tree: XMLTree) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE: self = .element(XMLElement(node, in: tree))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            self = .text(String(cString: node.pointee.content), Handle(pointer: node, tree: tree))
        default: self = .other(Handle(pointer: node, tree: tree))
        }
    }

    /// Takes the node out of its tree; the tree frees it when it goes, so no view of it dangles.
    /// Wraps `xmlUnlinkNode`.
    func remove() {
        tree.unlink(pointer)
    }
}

/// An element of an ``XMLTree``. The view holds its tree, so it cannot outlive it.
struct XMLElement {
    let node: xmlNodePtr
    /// The tree the element belongs to, kept alive by every view of it.
    let tree: XMLTree

    init(_ node: xmlNodePtr, in tree: XMLTree) {
        self.node = node
        self.tree = tree
    }

    /// Takes the element out of its tree (see ``XMLNode/remove()``).
    func remove() {
        tree.unlink(node)
    }

    /// The local name, without prefix.
    var name: String { String(cString: node.pointee.name) }

    /// The namespace URI, or nil for none.
    var namespace: String? { node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } } }

    /// The 1-based line libxml2 recorded for the start tag. Wraps `xmlGetLineNo`.
    var line: Int { Int(xmlGetLineNo(node)) }

    var children: [XMLNode] {
        var result: [XMLNode] = []
        var child = node.pointee.children
        while let current = child {
            result.append(XMLNode(current, in: tree))
            child = current.pointee.next
        }
        return result
    }

    var childElements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element with this local name in the element's own namespace.
    func child(_ name: String) -> XMLElement? {
        children(named: name, namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) }).first
    }

    /// The child elements with this local name in a namespace, compared in C without making strings.
    func children(named name: String, namespace: String?) -> [XMLElement] {
        name.withCString { wantedName in
            (namespace ?? "").withCString { wantedNamespace in
                var result: [XMLElement] = []
                var child = node.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE,
                        strcmp(UnsafeRawPointer(current.pointee.name).assumingMemoryBound(to: CChar.self), wantedName)
                            == 0
                    {
                        let href = current.pointee.ns?.pointee.href
                        let matches =
                            namespace == nil
                            ? href == nil
                            : href.map {
                                strcmp(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), wantedNamespace) == 0
                            } ?? false
                        if matches { result.append(XMLElement(current, in: tree)) }
                    }
                    child = current.pointee.next
                }
                return result
            }
        }
    }

    /// All the text below the element. Wraps `xmlNodeGetContent`.
    var textContent: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { ccl10n_xmlFree(content) }
        return String(cString: content)
    }

    /// An attribute without namespace. Wraps `xmlGetNoNsProp`.
    subscript(attribute: String) -> String? {
        get {
            guard let value = xmlGetNoNsProp(node, attribute) else { return nil }
            defer { ccl10n_xmlFree(value) }
            return String(cString: value)
        }
        nonmutating set {
            if let newValue {
                xmlSetProp(node, attribute, newValue)
            } else {
                xmlUnsetProp(node, attribute)
            }
        }
    }

    /// An attribute in the XML namespace, such as `xml:space`.
    func xmlAttribute(_ name: String) -> String? {
        guard let value = xmlGetNsProp(node, name, "http://www.w3.org/XML/1998/namespace") else { return nil }
        defer { ccl10n_xmlFree(value) }
        return String(cString: value)
    }

    /// Every attribute with its namespace URI (nil for none), in document order.
    var allAttributes: [(name: String, namespace: String?, value: String)] {
        var result: [(name: String, namespace: String?, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            let namespace = current.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
            var value = ""
            if let text = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: text)
                ccl10n_xmlFree(text)
            }
            result.append((name, namespace, value))
            attribute = current.pointee.next
        }
        return result
    }

    /// The namespace URIs declared on this element.
    var namespaceDeclarations: [String] {
        var result: [String] = []
        var ns = node.pointee.nsDef
        while let current = ns {
            if let href = current.pointee.href { result.append(String(cString: href)) }
            ns = current.pointee.next
        }
        return result
    }

    /// Sets an attribute in the XML namespace, such as `xml:lang`. Wraps `xmlSetNsProp`.
    func setXMLAttribute(_ name: String, _ value: String) {
        let ns = xmlSearchNsByHref(node.pointee.doc, node, "http://www.w3.org/XML/1998/namespace")
        xmlSetNsProp(node, ns, name, value)
    }

    /// The attribute names in document order, namespace-less ones only.
    var attributeNames: [String] {
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil { names.append(String(cString: current.pointee.name)) }
            attribute = current.pointee.next
        }
        return names
    }

    /// Appends a new child element in this element's namespace. Wraps `xmlNewChild`.
    @discardableResult
    func append(_ name: String, attributes: [(String, String)] = []) -> XMLElement {
        let child = XMLElement(xmlNewChild(node, node.pointee.ns, name, nil), in: tree)
        for (key, value) in attributes { child[key] = value }
        return child
    }

    /// Appends a child element in another namespace, declaring it with `prefix` here unless it is in scope.
    /// Wraps `xmlSearchNsByHref` and `xmlNewNs`.
    @discardableResult
    func append(_ name: String, namespace uri: String, prefix: String?, attributes: [(String, String)] = [])
        -> XMLElement
    {
        let child = XMLElement(xmlNewChild(node, nil, name, nil), in: tree)
        if let ns = xmlSearchNsByHref(node.pointee.doc, node, uri) {
            xmlSetNs(child.node, ns)
        } else {
            xmlSetNs(child.node, xmlNewNs(child.node, uri, prefix))
        }
        for (key, value) in attributes { child[key] = value }
        return child
    }

    /// Appends text, escaped by libxml2 on output. Wraps `xmlNodeAddContent`.
    func appendText(_ text: String) {
        let textNode = xmlNewDocText(node.pointee.doc, text)
        xmlAddChild(node, textNode)
    }

    /// Creates an element in this element's namespace that is not yet in the tree (the tree frees it if it
    /// is never placed).
    func makeSibling(_ name: String) -> XMLElement {
        let created = LibXML2.allocated(xmlNewDocNode(node.pointee.doc, node.pointee.ns, name, nil))
        tree.adoptUnlinked(created)
        return XMLElement(created, in: tree)
    }

    /// Moves `child` (from anywhere in the same document) to the end of this element. Wraps `xmlAddChild`.
    func appendExisting(_ child: XMLElement) {
        xmlUnlinkNode(child.node)
        tree.linked(child.node)
        xmlAddChild(node, child.node)
    }

    /// Appends a deep copy of a node from the same document. The copy uses the namespace declarations in
    /// scope here instead of repeating them. Wraps `xmlDocCopyNode`.
    func appendCopy(of child: XMLNode) {
        guard let copy = xmlDocCopyNode(child.pointer, node.pointee.doc, 1) else { return }
        xmlAddChild(node, copy)
        var resolved = true
        func repoint(_ current: xmlNodePtr) {
            if current.pointee.type == XML_ELEMENT_NODE, let ns = current.pointee.ns {
                if let inScope = xmlSearchNsByHref(node.pointee.doc, node, ns.pointee.href) {
                    current.pointee.ns = inScope
                } else {
                    resolved = false
                }
            }
            // Prefixed attributes point at the copy's declarations too, which are freed below.
            var attribute = current.pointee.type == XML_ELEMENT_NODE ? current.pointee.properties : nil
            while let property = attribute {
                if let ns = property.pointee.ns {
                    if let inScope = xmlSearchNsByHref(node.pointee.doc, node, ns.pointee.href) {
                        property.pointee.ns = inScope
                    } else {
                        resolved = false
                    }
                }
                attribute = property.pointee.next
            }
            var next = current.pointee.children
            while let child = next {
                repoint(child)
                next = child.pointee.next
            }
        }
        repoint(copy)
        if resolved, copy.pointee.type == XML_ELEMENT_NODE, let declarations = copy.pointee.nsDef {
            xmlFreeNsList(declarations)
            copy.pointee.nsDef = nil
        }
    }

    /// Appends a copy of `element`: with its attributes only (`deep` false) or with everything below it.
    /// Wraps `xmlDocCopyNode`.
    @discardableResult
    func appendCopy(of element: XMLElement, deep: Bool) -> XMLElement? {
        guard let copy = xmlDocCopyNode(element.node, node.pointee.doc, deep ? 1 : 2) else { return nil }
        xmlAddChild(node, copy)
        return XMLElement(copy, in: tree)
    }

    /// A deep copy of this element that belongs to no parent, freed with the tree. Wraps `xmlDocCopyNode`.
    func detachedCopy() -> XMLElement? {
        guard let copy = xmlDocCopyNode(node, node.pointee.doc, 1) else { return nil }
        tree.adoptUnlinked(copy)
        return XMLElement(copy, in: tree)
    }

    /// Inserts `child` before `reference`, which must be a child of this element. Wraps `xmlAddPrevSibling`.
    func insert(_ child: XMLElement, before reference: XMLElement) {
        xmlUnlinkNode(child.node)
        tree.linked(child.node)
        xmlAddPrevSibling(reference.node, child.node)
    }

    /// The parent element, if the parent is an element.
    var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(parent, in: tree)
    }

    /// The previous sibling that is an element. Wraps `xmlPreviousElementSibling`.
    var previousElementSibling: XMLElement? {
        xmlPreviousElementSibling(node).map { XMLElement($0, in: tree) }
    }

    /// The next sibling that is an element. Wraps `xmlNextElementSibling`.
    var nextElementSibling: XMLElement? {
        xmlNextElementSibling(node).map { XMLElement($0, in: tree) }
    }

    /// Removes every child node.
    func removeAllChildren() {
        for child in children { child.remove() }
    }

    /// Re-indents the children of element-only containers: whitespace text between elements is replaced by
    /// a newline and `indent` per level, so output is the same whatever whitespace a tool left behind.
    /// Elements named in `leaves` (and anything outside `containers`) keep their content untouched.
    func reindent(containers: Set<String>, depth: Int = 0, indent: String = "  ") {
        guard containers.contains(name) else { return }
        // Whitespace inside xml:space="preserve" is content: it stays as the file has it.
        if xmlAttribute("space") == "preserve" { return }
        // Walk the C list directly: this runs over every element of every file written.
        var others: [xmlNodePtr] = []
        var blanks: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                guard xmlIsBlankNode(current) != 0 else { return }  // mixed content: leave it as it is
                blanks.append(current)
            } else {
                others.append(current)
            }
            child = current.pointee.next
        }
        guard !others.isEmpty else { return }
        for blank in blanks {
            xmlUnlinkNode(blank)
            xmlFreeNode(blank)
        }
        let inner = "\n" + String(repeating: indent, count: depth + 1)
        for other in others {
            xmlAddPrevSibling(other, xmlNewDocText(node.pointee.doc, inner))
            if other.pointee.type == XML_ELEMENT_NODE {
                XMLElement(other, in: tree).reindent(containers: containers, depth: depth + 1, indent: indent)
            }
        }
        appendText("\n" + String(repeating: indent, count: depth))
    }

}
