internal import CCmarkGFM

#if canImport(Glibc)
import Glibc
#endif

/// A Markdown syntax tree parsed by cmark-gfm (CommonMark plus tables, strikethrough and autolinks), with
/// source positions; freed when this object goes.
final class CmarkTree {
    let root: OpaquePointer
    /// Kept for the list of extensions the HTML renderer needs.
    private let parser: OpaquePointer

    /// Parses UTF-8 Markdown. Wraps `cmark_parser_feed` and `cmark_parser_finish`.
    init(_ bytes: ArraySlice<UInt8>) {
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        self.parser = parser
        for extensionPointer in Extensions.shared.pointers {
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document rendered to HTML by cmark-gfm, with the GitHub extensions' renderers.
    /// Wraps `cmark_render_html`.
    func html() -> String {
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The GitHub extensions, registered once: cmark-gfm's registry is not safe to fill from two threads.
    private struct Extensions: @unchecked Sendable {
        let pointers: [OpaquePointer]

        static let shared: Extensions = {
            cmark_gfm_core_extensions_ensure_registered()
            let names: [String] = ["table", "strikethrough", "autolink"]
            return Extensions(pointers: names.compactMap { (name: String) in cmark_find_syntax_extension(name) })
        }()
    }
}

/// A node of a ``CmarkTree``, valid while the tree lives.
struct CmarkNode {
    let pointer: OpaquePointer

    /// cmark-gfm's name for the node type: `paragraph`, `emph`, `table`, `strikethrough`.
    var type: String { String(cString: cmark_node_get_type_string(pointer)) }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            result.append(CmarkNode(pointer: current))
            child = cmark_node_next(current)
        }
        return result
    }

    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// 1-based start line and byte column, or nil where cmark-gfm records none (breaks, some inlines).
    var start: (line: Int, column: Int)? {
        let line = Int(cmark_node_get_start_line(pointer))
        return line > 0 ? (line, Int(cmark_node_get_start_column(pointer))) : nil
    }

    /// 1-based end line and byte column of the last byte (inclusive).
    var end: (line: Int, column: Int)? {
        let line = Int(cmark_node_get_end_line(pointer))
        return line > 0 ? (line, Int(cmark_node_get_end_column(pointer))) : nil
    }
}
