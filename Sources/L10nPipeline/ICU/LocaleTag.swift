internal import CICU

/// A BCP 47 locale tag that ICU recognises (`en`, `nl`, `pt-BR`), with ICU's own identifier for it.
public struct LocaleTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tag as written in the configuration and in XLIFF (`pt-BR`).
    public let tag: String
    /// ICU's locale identifier (`pt_BR`).
    let icuID: String

    /// Parses and checks a tag; nil when ICU does not know its language. Wraps `uloc_forLanguageTag`.
    public init?(_ tag: String) {
        guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        var status = U_ZERO_ERROR
        var buffer = [CChar](repeating: 0, count: 157)
        var parsed: Int32 = 0
        let normalized = tag.replacing("_", with: "-")
        let length = ccl10n_uloc_forLanguageTag(normalized, &buffer, 156, &parsed, &status)
        guard ccl10n_u_failure(status) == 0, length > 0, Int(parsed) == normalized.utf8.count else { return nil }
        let id = String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // An unknown language has no ISO 639-2 code in ICU's data.
        guard let iso3 = ccl10n_uloc_getISO3Language(id), iso3.pointee != 0 else { return nil }
        self.tag = normalized
        self.icuID = id
    }

    /// Whether the locale is written right to left. Wraps `uloc_getCharacterOrientation`.
    public var isRightToLeft: Bool {
        var status = U_ZERO_ERROR
        return ccl10n_uloc_getCharacterOrientation(icuID, &status) == Int32(ULOC_LAYOUT_RTL.rawValue)
    }

    public var description: String { tag }
    public static func < (lhs: LocaleTag, rhs: LocaleTag) -> Bool { lhs.tag < rhs.tag }
}

extension LocaleTag {
    /// ICU's root locale, for checks that do not depend on a language.
    static let root = LocaleTag(known: "und", icuID: "root")

    init(known tag: String, icuID: String) {
        self.tag = tag
        self.icuID = icuID
    }
}
