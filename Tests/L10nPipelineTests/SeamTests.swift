import Testing

@testable import L10nPipeline

/// The seams a maintainer extends: every value type read and formatted, and C trees kept alive by their views
/// (these reads would touch freed memory, caught by `make asan`, if a view did not hold its tree).
struct SeamTests {
    /// A value of each type, written as an editor would; a new type fails to compile here until it has one.
    static func sample(_ type: Value.TypeName) -> String {
        switch type {
        case .date: "{2021-03-08, date, long}"
        case .daterange: "{2021-03-08/2021-03-14, daterange}"
        case .time: "{2021-03-08T14:30, time}"
        case .number: "{1234.5, number}"
        case .currency: "{1600000 EUR, currency}"
        case .plural: "{3, plural, one {# day} other {# days}}"
        case .selectordinal: "{2, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}"
        case .select: "{female, select, female {she} other {they}}"
        }
    }

    @Test(arguments: Value.TypeName.allCases)
    func everyValueTypeIsReadAndFormatted(type: Value.TypeName) throws {
        let match = try #require(ValueScanner.scan(Array(Self.sample(type).utf8)).first)
        let value = try match.result.get()
        #expect(value.kind.variants.isEmpty != type.hasForms)
        let shown = try ValueFormatter(locale: try #require(LocaleTag("nl"))).format(value)
        #expect(!shown.isEmpty)
    }

    @Test func xmlElementsKeepTheirTreeAlive() throws {
        let root = try #require(try XMLTree.parse(Array("<a><b x='1'/><c/></a>".utf8), path: "t.xml").root)
        let b = try #require(root.child("b"))
        b.remove()
        // The removed element stays readable: the tree frees it when the last view goes.
        #expect(b["x"] == "1")
        #expect(root.childElements.map(\.name) == ["c"])
        let copy = try #require(root.childElements.first?.detachedCopy())
        root.appendExisting(copy)
        #expect(root.childElements.map(\.name) == ["c", "c"])
    }

    @Test func cmarkNodesKeepTheirTreeAlive() {
        let paragraph = CmarkTree(Array("Some *emphasis*.\n".utf8)[...]).document.children[0]
        #expect(paragraph.type == "paragraph")
        #expect(paragraph.children.map(\.type) == ["text", "emph", "text"])
    }
}
