internal import CICU

/// Counts words the way ICU's word break iterator sees them for a locale (punctuation and spaces are not
/// words; numbers are).
enum WordCounter {
    /// The number of words in `text`. Wraps `ubrk_next` (UBRK_WORD) and `ubrk_getRuleStatus`.
    static func count(_ text: String, locale: LocaleTag) -> Int {
        let units = text.utf16Units
        guard !units.isEmpty else { return 0 }
        return units.withUnsafeBufferPointer { buffer in
            BreakIterators.with(UBRK_WORD, locale: locale, text: buffer) { iterator in
                var words = 0
                _ = ccl10n_ubrk_first(iterator)
                while ccl10n_ubrk_next(iterator) != UBRK_DONE {
                    if ccl10n_ubrk_getRuleStatus(iterator) >= Int32(UBRK_WORD_NONE_LIMIT.rawValue) { words += 1 }
                }
                return words
            } ?? 0
        }
    }
}
