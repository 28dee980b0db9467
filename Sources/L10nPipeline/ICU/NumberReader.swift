internal import CICU

/// Reads the numbers written in a text the way a locale writes them ("1.234,5" in Dutch is 1234.5), so
/// numbers in a source and its translation can be compared as numbers.
final class NumberReader {
    private let format: UnsafeMutablePointer<UNumberFormat?>

    /// Wraps `unum_open` (UNUM_DECIMAL).
    init?(locale: LocaleTag) {
        var status = U_ZERO_ERROR
        guard let opened = ccl10n_unum_openDecimal(locale.icuID, &status), ccl10n_u_failure(status) == 0 else {
            return nil
        }
        format = opened
    }

    deinit {
        ccl10n_unum_close(format)
    }

    /// Every number in `text`: each run starting with a digit is parsed by the locale's rules.
    /// Wraps `unum_parseDouble`.
    func numbers(in text: String) -> [Double] {
        let units = Array(text.utf16)
        var result: [Double] = []
        var index = 0
        while index < units.count {
            guard let scalar = Unicode.Scalar(units[index]), scalar.properties.numericType == .decimal else {
                index += 1
                continue
            }
            var position: Int32 = 0
            var status = U_ZERO_ERROR
            let slice = Array(units[index...])
            let value = ccl10n_unum_parseDouble(format, slice, Int32(slice.count), &position, &status)
            if ccl10n_u_failure(status) == 0, position > 0 {
                result.append(value)
                index += Int(position)
            } else {
                index += 1
            }
        }
        return result
    }
}
