internal import CICU
import Synchronization

/// ICU break iterators, opened once per locale and kind and cloned for each use: opening one loads and
/// builds its rules (tens of microseconds), cloning shares them.
enum BreakIterators {
    /// The prototypes, by kind and ICU locale id; kept for the life of the process.
    private static let prototypes = Mutex<[String: Prototype]>([:])

    /// An opened iterator that is only ever cloned. `@unchecked Sendable` because ICU documents `ubrk_clone`
    /// as thread-safe and nothing sets the prototype's text or moves it after it is opened.
    private final class Prototype: @unchecked Sendable {
        let iterator: OpaquePointer

        init(_ iterator: OpaquePointer) {
            self.iterator = iterator
        }

        deinit {
            ccl10n_ubrk_close(iterator)
        }
    }

    /// Runs `body` with an iterator of `kind` (UBRK_WORD, UBRK_SENTENCE) for the locale over `units`, which
    /// must outlive the call (the iterator points into them). Wraps `ubrk_clone` and `ubrk_setText`.
    static func with<Result>(
        _ kind: UBreakIteratorType, locale: LocaleTag, text units: UnsafeBufferPointer<UInt16>,
        _ body: (OpaquePointer) -> Result
    ) -> Result? {
        let key = "\(kind.rawValue) \(locale.icuID)"
        let prototype: Prototype? = prototypes.withLock { cache in
            if let found = cache[key] { return found }
            var status = U_ZERO_ERROR
            guard let opened = ccl10n_ubrk_open(Int32(kind.rawValue), locale.icuID, nil, 0, &status),
                ccl10n_u_failure(status) == 0
            else { return nil }
            let prototype = Prototype(opened)
            cache[key] = prototype
            return prototype
        }
        guard let prototype else { return nil }
        var status = U_ZERO_ERROR
        guard let iterator = ccl10n_ubrk_clone(prototype.iterator, &status), ccl10n_u_failure(status) == 0 else {
            return nil
        }
        defer { ccl10n_ubrk_close(iterator) }
        ccl10n_ubrk_setText(iterator, units.baseAddress, Int32(units.count), &status)
        guard ccl10n_u_failure(status) == 0 else { return nil }
        return body(iterator)
    }
}
