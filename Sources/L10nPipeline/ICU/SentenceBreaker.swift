internal import CICU

/// Finds sentence boundaries with ICU's sentence break iterator for a locale.
enum SentenceBreaker {
    /// The UTF-16 offsets where a new sentence starts, the text's start and end left out.
    /// Wraps `ubrk_open` (UBRK_SENTENCE) and `ubrk_next`.
    static func boundaries(_ units: [UInt16], locale: LocaleTag) -> [Int] {
        guard units.count > 1 else { return [] }
        return units.withUnsafeBufferPointer { buffer in
            var status = U_ZERO_ERROR
            // The iterator keeps a pointer into `buffer`, which outlives it inside this closure.
            guard let iterator = ccl10n_ubrk_open(Int32(UBRK_SENTENCE.rawValue), locale.icuID, buffer.baseAddress, Int32(buffer.count), &status),
                  ccl10n_u_failure(status) == 0
            else { return [] }
            defer { ccl10n_ubrk_close(iterator) }
            var result: [Int] = []
            _ = ccl10n_ubrk_first(iterator)
            while case let boundary = ccl10n_ubrk_next(iterator), boundary != UBRK_DONE {
                if boundary < buffer.count { result.append(Int(boundary)) }
            }
            return result
        }
    }
}
