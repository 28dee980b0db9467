import Testing

@testable import L10nPipeline

/// Values are formatted by the system ICU for each locale; expected strings are ICU 72's output.
struct ValueFormattingTests {
    /// Scans one value out of `text` and formats it for `locale`.
    func format(_ text: String, _ locale: String) throws -> String {
        let matches = ValueScanner.scan(Array(text.utf8))
        let match = try #require(matches.first)
        let value = try match.result.get()
        return try ValueFormatter(locale: try #require(LocaleTag(locale))).format(value)
    }

    @Test(arguments: [
        ("{2021-03-08, date, long}", "en", "March 8, 2021"),
        ("{2021-03-08, date, long}", "nl", "8 maart 2021"),
        ("{2021-03-08, date, full}", "nl", "maandag 8 maart 2021"),
        ("{2021-03-08, date, short}", "en", "3/8/21"),
        ("{2021-03-08/2021-03-14, daterange, ::MMMMd}", "en", "March 8\u{2009}–\u{2009}14"),
        ("{2021-03-08/2021-03-14, daterange, ::MMMMd}", "nl", "8–14 maart"),
        ("{2021-03-08/2021-04-02, daterange, long}", "nl", "8 maart\u{2009}–\u{2009}2 april 2021"),
        ("{130000, number}", "en", "130,000"),
        ("{130000, number}", "nl", "130.000"),
        ("{0.2, number, percent}", "nl", "20%"),
        ("{1234.56, number, integer}", "en", "1,235"),
        ("{1600000, number, ::compact-long}", "nl", "1,6 miljoen"),
        ("{1600000 EUR, currency}", "en", "€1,600,000.00"),
        ("{1600000 EUR, currency}", "nl", "€\u{A0}1.600.000,00"),
        ("{1600000 EUR, currency, ::compact-short}", "nl", "€\u{A0}1,6\u{A0}mln."),
        ("{130000, number}", "ar", "١٣٠٬٠٠٠"),
    ])
    func formatsForLocale(text: String, locale: String, expected: String) throws {
        let actual = try format(text, locale)
        #expect(actual == expected, "\(actual.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test(arguments: [
        ("{2021-02-30, date, long}", "2021-02-30 is not a day of the calendar"),
        ("{1600000 XYZ, currency}", "'XYZ' is not an ISO 4217 currency code"),
        ("{12, number, ::precision-bogus}", "ICU rejects its style"),
        ("{2021-03-08, colour}", "unknown type 'colour'"),
        ("{2021-03-08, date, tiny}", "unknown date style 'tiny'"),
        ("{2021-03-14/2021-03-08, daterange}", "the range ends before it starts"),
        ("{5, plural, one {# patient}}", "an 'other' variant is required"),
        ("{5, plural, lots {many} other {# patients}}", "'lots' is not a plural category"),
        ("{5, spellout}", "'spellout' is not supported yet"),
        ("{five, plural, other {#}}", "the count 'five' is not a number"),
        ("{2021-03-08, date, long", "is not closed"),
    ])
    func rejectsWrongValues(text: String, message: String) throws {
        let match = try #require(ValueScanner.scan(Array(text.utf8)).first)
        guard case .failure(let problem) = match.result else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    /// A caller tells problems apart by case, not by matching words: each rule of the grammar is its own case,
    /// placed at the value's opening brace in the text it was found in.
    @Test func wrongValuesAreCasesWithPlaces() throws {
        let text = "Costs {1600000 XYZ, currency} from {2021-02-30, date} on {5, plural, one {#}}."
        let problems = ValueScanner.scan(Array(text.utf8)).compactMap(\.problem)
        #expect(
            problems == [
                .value(.unknownCurrency(raw: "{1600000 XYZ, currency}", code: "XYZ"), offset: 6),
                .value(.notACalendarDay(raw: "{2021-02-30, date}", text: "2021-02-30"), offset: 35),
                .value(.otherMissing(raw: "{5, plural, one {#}}"), offset: 57),
            ])
    }

    @Test(arguments: [
        "a {brace} in text", "set {a, b} notation", "code like {x: 1}", "escaped \\{2021-03-08, date}", "{ , number}",
    ])
    func ordinaryBracesAreText(text: String) {
        #expect(ValueScanner.scan(Array(text.utf8)).isEmpty)
    }

    @Test func rightToLeftLocales() throws {
        #expect(try #require(LocaleTag("ar")).isRightToLeft)
        #expect(try !(#require(LocaleTag("nl")).isRightToLeft))
        #expect(LocaleTag("xx-notalocale") == nil)
        #expect(LocaleTag("qq") == nil)
    }

    @Test func wordsAreCountedByICU() throws {
        let english = try #require(LocaleTag("en"))
        #expect(WordCounter.count("More than 130,000 people — in the Netherlands.", locale: english) == 7)
        #expect(WordCounter.count("  ", locale: english) == 0)
    }
}
