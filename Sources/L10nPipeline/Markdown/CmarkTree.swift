internal import CCmarkGFM
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A Markdown syntax tree parsed by cmark-gfm (CommonMark plus tables, strikethrough and autolinks), with
/// source positions; freed when this object goes, which no ``CmarkNode`` of it outlives.
final class CmarkTree {
    private let root: OpaquePointer

    /// cmark-gfm keeps the inline parser's table of special characters in a global that attaching an extension
    /// to a parser changes and freeing the parser changes back, so two parsers at once on two threads lose
    /// `~` or `:` now and then. Parsing is serialized; the trees themselves are independent.
    private static let parsing = Mutex(())

    /// Parses UTF-8 Markdown. Wraps `cmark_parser_feed` and `cmark_parser_finish`.
    init(_ bytes: ArraySlice<UInt8>) {
        let parsed: OpaquePointer? = Self.parsing.withLock { _ in
            guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { return nil }
            defer { cmark_parser_free(parser) }
            for extensionPointer in Extensions.shared.pointers {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return cmark_parser_finish(parser)
        }
        // cmark-gfm returns nothing only when memory ran out: ccl10n stops there, as Swift does.
        guard let parsed else { fatalError("cmark-gfm could not allocate memory") }
        root = parsed
    }

    /// The document node, the root of the tree.
    var document: CmarkNode { CmarkNode(pointer: root, tree: self) }

    deinit {
        cmark_node_free(root)
    }

    /// The first node (in document order) nested deeper than `limit` below the document, or nil.
    ///
    /// The readers walk the tree recursively; this walk is iterative, so it can look at any tree. The node
    /// returned is the nearest one cmark-gfm gave a source position (the too-deep node or an ancestor).
    func firstNode(deeperThan limit: Int) -> CmarkNode? {
        var node: OpaquePointer? = cmark_node_first_child(root)
        var depth = 1
        while let current = node {
            if depth > limit {
                var positioned: OpaquePointer? = current
                while let candidate = positioned, cmark_node_get_start_line(candidate) <= 0 {
                    positioned = cmark_node_parent(candidate)
                }
                return CmarkNode(pointer: positioned ?? current, tree: self)
            }
            if let child = cmark_node_first_child(current) {
                node = child
                depth += 1
                continue
            }
            var climbing: OpaquePointer? = current
            node = nil
            while let up = climbing, up != root {
                if let next = cmark_node_next(up) {
                    node = next
                    break
                }
                climbing = cmark_node_parent(up)
                depth -= 1
            }
        }
        return nil
    }

    /// The document rendered to HTML by cmark-gfm, with the GitHub extensions' renderers.
    /// Wraps `cmark_render_html`.
    /// With `allowRawHTML`, HTML written in the Markdown is kept (cmark-gfm's unsafe mode); without, it is
    /// left out. Text a translator typed is escaped before it gets here, so it is never raw HTML.
    func html(allowRawHTML: Bool = false) -> String {
        let memory = cmark_get_default_mem_allocator()
        var extensions: UnsafeMutablePointer<cmark_llist>?
        for pointer in Extensions.shared.pointers {
            extensions = cmark_llist_append(memory, extensions, UnsafeMutableRawPointer(pointer))
        }
        defer { cmark_llist_free(memory, extensions) }
        let options = allowRawHTML ? CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let rendered = cmark_render_html(root, options, extensions) else { return "" }
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

/// A node of a ``CmarkTree``; it holds the tree, so it cannot outlive it.
struct CmarkNode {
    let pointer: OpaquePointer
    let tree: CmarkTree

    /// cmark-gfm's name for the node type: `paragraph`, `emph`, `table`, `strikethrough`.
    var type: String { String(cString: cmark_node_get_type_string(pointer)) }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            result.append(CmarkNode(pointer: current, tree: tree))
            child = cmark_node_next(current)
        }
        return result
    }

    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    /// A link's or image's title, escapes and references resolved; empty when it has none.
    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }

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
