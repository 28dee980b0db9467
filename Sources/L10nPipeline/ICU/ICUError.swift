internal import CICU

/// An ICU call that failed, named by the C function and ICU's own error name (`U_ILLEGAL_ARGUMENT_ERROR`).
struct ICUError: Error, Sendable, CustomStringConvertible {
    var function: String
    var name: String

    var description: String { "\(function) failed: \(name)" }

    /// Throws when `status` is a failure code (ICU's `U_FAILURE`).
    static func check(_ status: UErrorCode, _ function: String) throws(ICUError) {
        if ccl10n_u_failure(status) != 0 {
            throw ICUError(function: function, name: String(cString: ccl10n_u_errorName(status)))
        }
    }
}

/// Calls an ICU function that fills a UTF-16 buffer, growing the buffer once when ICU asks for more.
func icuString(
    _ function: String,
    _ fill: (UnsafeMutablePointer<UChar>, Int32, inout UErrorCode) -> Int32
) throws(ICUError) -> String {
    var capacity: Int32 = 128
    for _ in 0..<2 {
        var status = U_ZERO_ERROR
        var buffer = [UChar](repeating: 0, count: Int(capacity))
        let length = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, capacity, &status) }
        if status == U_BUFFER_OVERFLOW_ERROR {
            capacity = length + 1
            continue
        }
        try ICUError.check(status, function)
        return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
    }
    throw ICUError(function: function, name: "U_BUFFER_OVERFLOW_ERROR")
}

extension String {
    /// The string as UTF-16 code units, for ICU.
    var utf16Units: [UChar] { Array(utf16) }
}
