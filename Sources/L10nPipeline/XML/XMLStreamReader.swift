internal import CLibXML2

/// Reads an XML document element by element with libxml2's streaming reader, so memory follows the
/// largest element asked for, not the document. The same safety as ``XMLTree``: no DOCTYPE, no entity
/// substitution, no network.
enum XMLStreamReader {
    /// Calls `visit` with every element whose local name is in `names`, as a read-only subtree that is valid
    /// during the call only (the reader frees it when it moves on; a view kept past the call is a checked
    /// programming error); the subtree is skipped, not searched for more. Wraps `xmlReaderForMemory`,
    /// `xmlTextReaderExpand` and `xmlTextReaderNext`. Each element named `opening` (not expanded) is reported
    /// to `opened` with its line and its `original` attribute.
    static func forEach(
        _ bytes: [UInt8], path: String, elements names: Set<String>, opening: String? = nil,
        opened: (Int, String?) -> Void = { _, _ in },
        visit: (XMLElement) -> Void
    ) throws(DiagnosticError) {
        try XMLTree.refuseDoctype(bytes, path: path)
        let collector = XMLErrorCollector(path: path)
        var refused: Diagnostic?
        collector.collecting {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard
                        let reader = xmlReaderForMemory(
                            chars.baseAddress, Int32(chars.count), path, nil,
                            Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
                    else { return }
                    defer { xmlFreeTextReader(reader) }
                    var status = xmlTextReaderRead(reader)
                    while status == 1 {
                        let type = xmlTextReaderNodeType(reader)
                        if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                            refused = Diagnostic(
                                .error, path: path, line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0,
                                "DOCTYPE declarations are refused")
                            return
                        }
                        if type == Int32(XML_READER_TYPE_ELEMENT.rawValue), let opening,
                            let name = xmlTextReaderConstLocalName(reader), String(cString: name) == opening
                        {
                            let original = xmlTextReaderGetAttribute(reader, "original")
                            let line = Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader)))
                            opened(line, original.map { String(cString: $0) })
                            if let original { ccl10n_xmlFree(original) }
                        }
                        if type == Int32(XML_READER_TYPE_ELEMENT.rawValue),
                            let name = xmlTextReaderConstLocalName(reader),
                            names.contains(String(cString: name)), let node = xmlTextReaderExpand(reader)
                        {
                            var borrowed = XMLTree(borrowing: node.pointee.doc)
                            visit(XMLElement(node, in: borrowed))
                            // The reader frees the subtree when it moves on: a view kept past the call would
                            // read freed memory, so keeping one stops the run here instead.
                            precondition(
                                isKnownUniquelyReferenced(&borrowed),
                                "an XMLElement outlived XMLStreamReader.forEach's visit")
                            status = xmlTextReaderNext(reader)
                        } else {
                            status = xmlTextReaderRead(reader)
                        }
                    }
                }
            }
        }
        if let refused { throw DiagnosticError(refused) }
        let errors = collector.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(errors) }
    }
}
