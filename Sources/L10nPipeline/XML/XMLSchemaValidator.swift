internal import CLibXML2

/// Validates XML files against a W3C XML Schema with libxml2, loading imported schemas only from local
/// files (an XML catalog maps their URLs) and never from the network.
package final class XMLSchemaValidator {
    private let schema: xmlSchemaPtr

    /// Loads a schema; `catalog` is an XML catalog file that maps imported schema URLs to local copies.
    /// Wraps `xmlSchemaParse`.
    package init(schemaPath: String, catalog: String? = nil) throws(DiagnosticError) {
        LibXML2.initialize()
        // Imports resolve through the catalog or not at all: never over the network.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        if let catalog { xmlLoadCatalog(catalog) }
        let collector = XMLErrorCollector(path: schemaPath)
        let parsed: xmlSchemaPtr? = collector.collecting {
            guard let context = xmlSchemaNewParserCtxt(schemaPath) else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            return xmlSchemaParse(context)
        }
        guard let parsed else {
            throw DiagnosticError(
                collector.diagnostics.isEmpty
                    ? [Diagnostic(.error, path: schemaPath, "cannot load the schema")] : collector.diagnostics)
        }
        schema = parsed
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Every schema violation in a document, with its line. Wraps `xmlSchemaValidateDoc`.
    package func validate(bytes: [UInt8], path: String) -> [Diagnostic] {
        let tree: XMLTree
        do throws(DiagnosticError) {
            tree = try XMLTree.parse(bytes, path: path)
        } catch {
            return error.diagnostics
        }
        let collector = XMLErrorCollector(path: path)
        let result: Int32 = collector.collecting {
            guard let context = xmlSchemaNewValidCtxt(schema) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            return xmlSchemaValidateDoc(context, tree.document)
        }
        if result != 0 && collector.diagnostics.isEmpty {
            return [Diagnostic(.error, path: path, "the document does not validate (libxml2 code \(result))")]
        }
        return collector.diagnostics
    }
}
