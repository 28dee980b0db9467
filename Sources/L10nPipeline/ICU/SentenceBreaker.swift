internal import CICU

/// Finds sentence boundaries with ICU's sentence break iterator for a locale.
enum SentenceBreaker {
    /// The UTF-16 offsets where a new sentence starts, the text's start and end left out.
    /// Wraps `ubrk_next` (UBRK_SENTENCE).
    static func boundaries(_ units: [UInt16], locale: LocaleTag) -> [Int] {
        guard units.count > 1 else { return [] }
        return units.withUnsafeBufferPointer { buffer in
            BreakIterators.with(UBRK_SENTENCE, locale: locale, text: buffer) { iterator in
                var result: [Int] = []
                _ = ccl10n_ubrk_first(iterator)
                while case let boundary = ccl10n_ubrk_next(iterator), boundary != UBRK_DONE {
                    if boundary < buffer.count { result.append(Int(boundary)) }
                }
                return result
            } ?? []
        }
    }
}
