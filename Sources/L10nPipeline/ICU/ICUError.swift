internal import CICU

/// An ICU call that failed: the C function and ICU's status code.
struct ICUError: Error, Sendable, CustomStringConvertible {
    var function: String
    var code: Code

    /// ICU's `UErrorCode` as a typed value, with names for the codes ccl10n raises or tests for (as
    /// swift-system's `Errno` names `errno` values); any other code ICU returns keeps its raw value.
    struct Code: RawRepresentable, Sendable, Hashable {
        var rawValue: Int32

        /// An argument ICU refused (`U_ILLEGAL_ARGUMENT_ERROR`).
        static let illegalArgument = Code(U_ILLEGAL_ARGUMENT_ERROR)
        /// ICU could not allocate, or an open call returned no object (`U_MEMORY_ALLOCATION_ERROR`).
        static let memoryAllocation = Code(U_MEMORY_ALLOCATION_ERROR)
        /// A result still too long for the buffer after growing it (`U_BUFFER_OVERFLOW_ERROR`).
        static let bufferOverflow = Code(U_BUFFER_OVERFLOW_ERROR)

        init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ status: UErrorCode) { rawValue = Int32(status.rawValue) }

        /// ICU's own name for the code (`U_ILLEGAL_ARGUMENT_ERROR`). Wraps `u_errorName`.
        var name: String { String(cString: ccl10n_u_errorName(UErrorCode(rawValue: .init(rawValue)))) }
    }

    var description: String { "\(function) failed: \(code.name)" }

    /// Throws when `status` is a failure code (ICU's `U_FAILURE`).
    static func check(_ status: UErrorCode, _ function: String) throws(ICUError) {
        if ccl10n_u_failure(status) != 0 { throw ICUError(function: function, code: Code(status)) }
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
        let length = buffer.withUnsafeMutableBufferPointer { $0.baseAddress.map { fill($0, capacity, &status) } ?? 0 }
        if status == U_BUFFER_OVERFLOW_ERROR {
            capacity = length + 1
            continue
        }
        try ICUError.check(status, function)
        return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
    }
    throw ICUError(function: function, code: .bufferOverflow)
}

extension String {
    /// The string as UTF-16 code units, for ICU.
    var utf16Units: [UChar] { Array(utf16) }
}
