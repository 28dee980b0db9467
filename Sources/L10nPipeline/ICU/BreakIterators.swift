internal import CICU
import Synchronization

/// ICU break iterators, opened once per locale and kind and cloned for each use: opening one loads and
/// builds its rules (tens of microseconds), cloning shares them.
enum BreakIterators {
    /// The prototypes, by kind and ICU locale id; kept for the life of the process.
    private static let prototypes = Mutex<[String: UInt]>([:])

    /// Runs `body` with an iterator of `kind` (UBRK_WORD, UBRK_SENTENCE) for the locale over `units`, which
    /// must outlive the call (the iterator points into them). Wraps `ubrk_clone` and `ubrk_setText`.
    static func with<Result>(_ kind: UBreakIteratorType, locale: LocaleTag, text units: UnsafeBufferPointer<UInt16>,
                             _ body: (OpaquePointer) -> Result) -> Result? {
        let key = "\(kind.rawValue) \(locale.icuID)"
        let address: UInt? = prototypes.withLock { cache in
            if let found = cache[key] { return found }
            var status = U_ZERO_ERROR
            guard let opened = ccl10n_ubrk_open(Int32(kind.rawValue), locale.icuID, nil, 0, &status), ccl10n_u_failure(status) == 0 else { return nil }
            cache[key] = UInt(bitPattern: opened)
            return UInt(bitPattern: opened)
        }
        guard let address, let prototype = OpaquePointer(bitPattern: address) else { return nil }
        var status = U_ZERO_ERROR
        guard let iterator = ccl10n_ubrk_clone(prototype, &status), ccl10n_u_failure(status) == 0 else { return nil }
        defer { ccl10n_ubrk_close(iterator) }
        ccl10n_ubrk_setText(iterator, units.baseAddress, Int32(units.count), &status)
        guard ccl10n_u_failure(status) == 0 else { return nil }
        return body(iterator)
    }
}
