import Testing

@testable import L10nPipeline

/// Plural and select values: each form is a unit of its own, with the target locale's categories from ICU.
@Suite struct PluralTests {
    func value(_ text: String) throws -> Value {
        try #require(ValueScanner.scan(Array(text.utf8)).first).result.get()
    }

    @Test(arguments: [
        ("{1, plural, one {# patient} other {# patients}}", "en", "1 patient"),
        ("{130000, plural, one {# patient} other {# patients}}", "en", "130,000 patients"),
        ("{130000, plural, one {# patient} other {# patients}}", "nl", "130.000 patients"),
        ("{0, plural, =0 {no patients} one {# patient} other {# patients}}", "en", "no patients"),
        ("{2, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", "en", "2nd"),
        ("{female, select, female {she} male {he} other {they}}", "en", "she"),
        (
            "{3, plural, other {# projects worth {3400000 EUR, currency, ::compact-short}}}", "nl",
            "3 projects worth €\u{A0}3,4\u{A0}mln."
        ),
    ])
    func formsAreChosenByICUsRules(text: String, locale: String, expected: String) throws {
        #expect(try ValueFormatter(locale: try #require(LocaleTag(locale))).format(value(text)) == expected)
    }

    @Test func translatedFormsFollowTheTargetLocalesCategories() throws {
        let polish = ValueFormatter(locale: try #require(LocaleTag("pl")))
        let forms = [
            "one": "# pacjent", "few": "# pacjentów? no: # pacjenci", "many": "# pacjentów", "other": "# pacjenta",
        ]
        let text = "{%@, plural, one {# patient} other {# patients}}"
        #expect(try polish.format(value(text.replacing("%@", with: "1")), variants: forms) == "1 pacjent")
        #expect(
            try polish.format(value(text.replacing("%@", with: "3")), variants: forms) == "3 pacjentów? no: 3 pacjenci")
        #expect(try polish.format(value(text.replacing("%@", with: "5")), variants: forms) == "5 pacjentów")
        #expect(try polish.format(value(text.replacing("%@", with: "1.5")), variants: forms) == "1,5 pacjenta")
    }

    @Test(arguments: [
        ("nl", ["one", "other"]),
        ("pl", ["one", "few", "many", "other"]),
        ("ar", ["zero", "one", "two", "few", "many", "other"]),
        ("ja", ["other"]),
    ])
    func xliffOffersExactlyTheTargetCategories(locale: String, categories: [String]) throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, \(locale)]\nsegmentation: paragraph\n", to: root + "/ccl10n.yml")
        try TestSupport.write(
            "We treat {5, plural, one {# patient} other {# patients}} a day.\n", to: root + "/Sources-EN/a.md")
        let report = Extractor(project: try Project(root: root)).run()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let path = root + "/Locales/\(locale)/a.md.xlf"
        let units = try XLIFFFile.parse(try #require(try FileStore.read(path)), path: path).storedUnits()
        let forms = units.keys.filter { $0.contains(".v1.") }.map { String($0.split(separator: ".").last ?? "") }
        #expect(Set(forms) == Set(categories))
        #expect(
            units.values.first { $0.id.hasSuffix(".v1.one") }?.source
                == (categories.contains("one") ? Segment([.placeholder("n"), .text(" patient")]) : nil))
        let xml = try TestSupport.read(path)
        #expect(xml.contains("<x id=\"n\" ctype=\"x-count\" equiv-text=\"#\"/>"))
    }

    @Test func buildUsesTheTranslatedFormAndReportsAMissingOne() throws {
        let root = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write("targets: [en, pl]\nsegmentation: paragraph\n", to: root + "/ccl10n.yml")
        try TestSupport.write(
            "We treat {5, plural, one {# patient} other {# patients}} a day.\n", to: root + "/Sources-EN/a.md")
        _ = Extractor(project: try Project(root: root)).run()
        let path = root + "/Locales/pl/a.md.xlf"
        try TestSupport.translate(
            path,
            [
                "We treat <x id=\"1\" ctype=\"x-value\" equiv-text=\"5 patients\"/> a day.":
                    "Leczymy <x id=\"1\"/> dziennie.",
                "<x id=\"n\" ctype=\"x-count\" equiv-text=\"#\"/> patient": "<x id=\"n\"/> pacjenta",
            ])
        var text = try TestSupport.read(path)
        // Three forms share the source "# patients": translate the "many" one (5 takes "many" in Polish).
        let many = try #require(text.firstRange(of: ".v1.many\">"))
        let rest = text[many.upperBound...]
        let start = try #require(rest.firstRange(of: "<target state=\"new\">")).lowerBound
        let emptyTarget = start..<(try #require(rest[start...].firstRange(of: "</target>")).upperBound)
        text.replaceSubrange(emptyTarget, with: "<target state=\"translated\"><x id=\"n\"/> pacjentów</target>")
        try TestSupport.write(text, to: path)
        let report = Builder(project: try Project(root: root)).run(locale: try #require(LocaleTag("pl")))
        #expect(try TestSupport.read(root + "/Bundles/pl/a.md") == "Leczymy 5 pacjentów dziennie.\n")
        #expect(report.diagnostics.contains { $0.severity == .warning && $0.message.contains("the 'few' form") })
    }
}
