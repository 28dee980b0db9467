internal import CLibXML2

/// An XML document parsed by libxml2 and owned by this object, edited in place and written back.
///
/// Parsing is safe by construction: no network (`XML_PARSE_NONET`), no entity substitution and no DTD
/// loading, and a document that carries a DOCTYPE is refused outright. Not thread-safe: one per task.
final class XMLTree {
    let document: xmlDocPtr
    /// Whether this object frees the document; false for a streaming reader's, which the reader frees.
    private let ownsDocument: Bool
    /// Nodes taken out of the document (removed, or made and not yet placed). They are freed with the tree,
    /// not when taken out, so a view of one never dangles; placing one back takes it off this list.
    private var unlinked: Set<xmlNodePtr> = []

    private init(document: xmlDocPtr) {
        self.document = document
        self.ownsDocument = true
    }

    /// A view of a document that a streaming reader owns: its elements are valid while the reader is on them.
    init(borrowing document: xmlDocPtr) {
        self.document = document
        self.ownsDocument = false
    }

    deinit {
        for node in unlinked { xmlFreeNode(node) }
        if ownsDocument { xmlFreeDoc(document) }
    }

    /// Takes a node out of the document, to be freed with the tree. Wraps `xmlUnlinkNode`.
    func unlink(_ node: xmlNodePtr) {
        xmlUnlinkNode(node)
        unlinked.insert(node)
    }

    /// Records a node made outside the document (a copy, a new element) as the tree's to free.
    func adoptUnlinked(_ node: xmlNodePtr) {
        unlinked.insert(node)
    }

    /// Records that a node is being placed in the document, which frees it from then on.
    func linked(_ node: xmlNodePtr) {
        unlinked.remove(node)
    }

    /// A new document with an empty root element in the given namespace (none when nil), and that element.
    static func new(root name: String, namespace: String?) -> (tree: XMLTree, root: XMLElement) {
        LibXML2.initialize()
        let document = LibXML2.allocated(xmlNewDoc("1.0"))
        let root = LibXML2.allocated(xmlNewDocNode(document, nil, name, nil))
        if let namespace { xmlSetNs(root, xmlNewNs(root, namespace, nil)) }
        xmlDocSetRootElement(document, root)
        let tree = XMLTree(document: document)
        return (tree, XMLElement(root, in: tree))
    }

    /// Parses bytes; every problem libxml2 reports comes back with its line and column. Wraps `xmlReadMemory`.
    static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> XMLTree {
        guard bytes.count <= FileStore.maximumFileSize else {
            throw DiagnosticError(
                Diagnostic(.error, path: path, "file is larger than \(FileStore.maximumFileSize) bytes"))
        }
        try refuseDoctype(bytes, path: path)
        let collector = XMLErrorCollector(path: path)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        let parsed: xmlDocPtr? = collector.collecting {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlReadMemory($0.baseAddress, Int32($0.count), path, nil, options)
                }
            }
        }
        guard let parsed, collector.diagnostics.allSatisfy({ $0.severity != .error }) else {
            if let parsed { xmlFreeDoc(parsed) }
            let found = collector.diagnostics.filter { $0.severity == .error }
            throw DiagnosticError(found.isEmpty ? [Diagnostic(.error, path: path, "not well-formed XML")] : found)
        }
        if parsed.pointee.intSubset != nil {
            xmlFreeDoc(parsed)
            throw DiagnosticError(Diagnostic(.error, path: path, "DOCTYPE declarations are refused"))
        }
        let tree = XMLTree(document: parsed)
        if let (line, length) = tree.oversizedText() {
            throw DiagnosticError(
                Diagnostic(
                    .error, path: path, line: line, column: 0,
                    "a text node of \(length) bytes is larger than the \(maximumTextLength)-byte limit (libxml2's, kept for every reader)"
                ))
        }
        return tree
    }

    /// Parses an HTML document or fragment with libxml2's HTML parser, without network access. A fragment
    /// gets the implied `<html><body>` (libxml2's no-implied mode misnests sibling blocks); ``serializedHTMLFragment()``
    /// writes only what the fragment had. HTML is forgiving: only a document that yields nothing, or one that
    /// libxml2 stops reading part way (elements nested over 256 deep), is an error.
    /// Wraps `htmlCtxtReadMemory`.
    static func parseHTML(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> XMLTree {
        guard bytes.count <= FileStore.maximumFileSize else {
            throw DiagnosticError(
                Diagnostic(.error, path: path, "file is larger than \(FileStore.maximumFileSize) bytes"))
        }
        LibXML2.initialize()
        guard let context = htmlNewParserCtxt() else {
            throw DiagnosticError(Diagnostic(.error, path: path, "libxml2 could not start its HTML parser"))
        }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), path, "UTF-8", options)
            }
        }
        guard let parsed else {
            throw DiagnosticError(Diagnostic(.error, path: path, "libxml2 could not read this HTML"))
        }
        // A fatal error stops the parser where it stands: the rest of the page would be lost without a word.
        let last = context.pointee.lastError
        if last.level == XML_ERR_FATAL {
            xmlFreeDoc(parsed)
            let message =
                last.message.map { String(cString: $0).replacing("\n", with: "").trimmingSpaces }
                ?? "fatal error"
            throw DiagnosticError(
                Diagnostic(
                    .error, path: path, line: max(Int(last.line), 1), column: 1,
                    "libxml2 stopped reading this HTML here: \(message)"))
        }
        return XMLTree(document: parsed)
    }

    /// Whether HTML source bytes are a whole document (they have an `<html>` tag) rather than a fragment.
    static func isWholeHTMLDocument(_ bytes: [UInt8]) -> Bool {
        let lowered = bytes.prefix(8192).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        return lowered.firstRange(of: Array("<html".utf8)) != nil
    }

    /// A fragment's content as HTML: what its implied `<body>` holds, in UTF-8.
    func serializedHTMLFragment() -> [UInt8] {
        guard let html = topLevelElements.first(where: { $0.name == "html" }),
            let body = html.childElements.first(where: { $0.name == "body" })
        else { return serializedHTML() }
        return Self.utf8Output { output in
            for child in body.children { htmlNodeDumpFormatOutput(output, document, child.pointer, "UTF-8", 0) }
        }
    }

    /// The document as HTML in UTF-8, as libxml2's HTML serializer writes it (no added whitespace, no
    /// character references for what UTF-8 can carry). Wraps `htmlDocContentDumpFormatOutput`.
    func serializedHTML() -> [UInt8] {
        Self.utf8Output { htmlDocContentDumpFormatOutput($0, document, "UTF-8", 0) }
    }

    /// Runs a libxml2 serializer into a UTF-8 output buffer and returns the bytes.
    /// Wraps `xmlOutputBufferCreateBuffer`.
    private static func utf8Output(_ write: (xmlOutputBufferPtr) -> Void) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        guard let output = xmlOutputBufferCreateBuffer(buffer, xmlFindCharEncodingHandler("UTF-8")) else { return [] }
        write(output)
        xmlOutputBufferClose(output)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// The elements at the top of the document (an HTML fragment can have several).
    var topLevelElements: [XMLElement] {
        var result: [XMLElement] = []
        var node = document.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(current, in: self)) }
            node = current.pointee.next
        }
        return result
    }

    /// The element at a path: an index among the top-level elements, then child-element indexes.
    func element(at path: [Int]) -> XMLElement? {
        guard let first = path.first, first < topLevelElements.count else { return nil }
        var current = topLevelElements[first]
        for index in path.dropFirst() {
            let children = current.childElements
            guard index < children.count else { return nil }
            current = children[index]
        }
        return current
    }

    /// Removes the DOCTYPE the HTML parser implies, so a document that had none is written without one.
    func dropImpliedDoctype(original bytes: [UInt8]) {
        guard let subset = document.pointee.intSubset else { return }
        if bytes.prefix(4096).firstRange(of: Array("<!DOCTYPE".utf8)) != nil
            || bytes.prefix(4096).firstRange(of: Array("<!doctype".utf8)) != nil
        {
            return
        }
        xmlUnlinkNode(UnsafeMutableRawPointer(subset).assumingMemoryBound(to: xmlNode.self))
        document.pointee.intSubset = nil
        xmlFreeDtd(subset)
    }

    /// Throws a positioned error when the document declares a DOCTYPE.
    static func refuseDoctype(_ bytes: [UInt8], path: String) throws(DiagnosticError) {
        guard let doctype = doctypeOffset(bytes) else { return }
        let position = LineIndex(bytes).position(of: doctype)
        throw DiagnosticError(
            Diagnostic(
                .error, path: path, line: position.line, column: position.column,
                "DOCTYPE declarations are refused: XLIFF needs none, and they can pull in outside files or expand entities"
            ))
    }

    /// The offset of `<!DOCTYPE` before the root element, if any.
    static func doctypeOffset(_ bytes: [UInt8]) -> Int? {
        let marker = Array("<!DOCTYPE".utf8)
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index..<(index + marker.count)].elementsEqual(marker) { return index }
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                // The first element ends the prolog: a DOCTYPE can only come before it.
                if next != UInt8(ascii: "?") && next != UInt8(ascii: "!") { return nil }
            }
            index += 1
        }
        return nil
    }

    /// The longest text node any reader accepts: libxml2's default limit, which its streaming reader enforces.
    static let maximumTextLength = InputLimits.maximumTextLength

    /// The line and length of the first text node over ``maximumTextLength``, if any.
    private func oversizedText() -> (Int, Int)? {
        var stack: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
        while let node = stack.popLast() {
            if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
                let content = node.pointee.content
            {
                let length = Int(xmlStrlen(content))
                if length > Self.maximumTextLength { return (Int(xmlGetLineNo(node.pointee.parent ?? node)), length) }
            }
            var child = node.pointee.children
            while let current = child {
                stack.append(current)
                child = current.pointee.next
            }
        }
        return nil
    }

    var root: XMLElement? {
        xmlDocGetRootElement(document).map { XMLElement($0, in: self) }
    }

    /// The document as UTF-8 bytes with an XML declaration and a final newline. Wraps `xmlDocDumpMemoryEnc`.
    func serialized() -> [UInt8] {
        var memory: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(document, &memory, &size, "UTF-8")
        guard let memory else { return [] }
        defer { ccl10n_xmlFree(memory) }
        return Array(UnsafeBufferPointer(start: memory, count: Int(size)))
    }
}

/// libxml2's global state (its dictionary's mutex and random seed, its per-thread state) is set up lazily
/// by whichever thread first needs it, and that set-up is not thread-safe: two workers parsing their first
/// HTML documents at once could both create the dictionary mutex and leave it marked held by nobody, and
/// every later parse then waits on it forever (`xmlRMutexLock` in `__xmlRandom`, from `xmlDictCreate`).
/// libxml2 asks for `xmlInitParser()` once before threads use it; every entry point calls this first.
enum LibXML2 {
    private static let initialized: Void = xmlInitParser()

    static func initialize() {
        _ = initialized
    }

    /// What a libxml2 constructor returned, which is nil only when memory ran out: ccl10n stops there, as
    /// Swift itself does when an allocation fails.
    static func allocated<Pointer>(_ pointer: Pointer?) -> Pointer {
        guard let pointer else { fatalError("libxml2 could not allocate memory") }
        return pointer
    }
}

/// Collects libxml2's structured errors during one synchronous call (libxml2 keeps the handler per thread).
final class XMLErrorCollector {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        LibXML2.initialize()
        self.path = path
    }

    /// Runs `body` with this collector installed as libxml2's structured error handler, then removes it.
    /// Wraps `xmlSetStructuredErrorFunc`.
    func collecting<T>(_ body: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
            collector.add(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }

    private func add(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: " \n") ?? "XML error"
        let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
        diagnostics.append(Diagnostic(severity, path: path, line: Int(error.line), column: Int(error.int2), message))
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
