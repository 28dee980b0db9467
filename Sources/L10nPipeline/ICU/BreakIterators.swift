internal import CICU
import Synchronization

/// ICU break iterators, opened once per locale and kind and cloned for each thread that uses one at a time:
/// opening one loads and builds its rules (tens of microseconds), cloning shares them but still copies the
/// iterator's state and caches (a few microseconds, more than breaking a sentence), so a clone goes back to a
/// pool after each use and the next use gives it new text.
enum BreakIterators {
    /// The prototypes, by kind and ICU locale id; kept for the life of the process.
    private static let prototypes = Mutex<[String: Prototype]>([:])
    /// Clones not in use, by the same key; at most as many as ever ran at once, kept for the life of the process.
    private static let idle = Mutex<[String: [Prototype]]>([:])

    /// An opened iterator: a prototype, only ever cloned, or an idle clone, used by one thread at a time.
    /// `@unchecked Sendable` because ICU documents `ubrk_clone` as thread-safe and nothing sets the prototype's
    /// text or moves it after it is opened, and a clone is in the pool only while no thread holds it.
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
        guard let clone = idle.withLock({ $0[key]?.popLast() }) ?? newClone(kind, locale: locale, key: key) else {
            return nil
        }
        // Back to the pool whatever happens: the text it points into is only read again after the next setText.
        defer { idle.withLock { $0[key, default: []].append(clone) } }
        var status = U_ZERO_ERROR
        ccl10n_ubrk_setText(clone.iterator, units.baseAddress, Int32(units.count), &status)
        guard ccl10n_u_failure(status) == 0 else { return nil }
        return body(clone.iterator)
    }

    /// A new clone of the prototype for `key`, opening the prototype on first use.
    private static func newClone(_ kind: UBreakIteratorType, locale: LocaleTag, key: String) -> Prototype? {
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
        return Prototype(iterator)
    }
}
