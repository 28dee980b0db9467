internal import CICU

/// Counts words the way ICU's word break iterator sees them for a locale (punctuation and spaces are not
/// words; numbers are).
enum WordCounter {
    /// The number of words in `text`. Wraps `ubrk_open` (UBRK_WORD) and `ubrk_getRuleStatus`.
    static func count(_ text: String, locale: LocaleTag) -> Int {
        let units = text.utf16Units
        guard !units.isEmpty else { return 0 }
        return units.withUnsafeBufferPointer { buffer in
            var status = U_ZERO_ERROR
            // The iterator keeps a pointer into `buffer`, which outlives it inside this closure.
            guard let iterator = ccl10n_ubrk_open(Int32(UBRK_WORD.rawValue), locale.icuID, buffer.baseAddress, Int32(buffer.count), &status),
                  ccl10n_u_failure(status) == 0
            else { return 0 }
            defer { ccl10n_ubrk_close(iterator) }
            var words = 0
            _ = ccl10n_ubrk_first(iterator)
            while ccl10n_ubrk_next(iterator) != UBRK_DONE {
                if ccl10n_ubrk_getRuleStatus(iterator) >= Int32(UBRK_WORD_NONE_LIMIT.rawValue) { words += 1 }
            }
            return words
        }
    }
}
