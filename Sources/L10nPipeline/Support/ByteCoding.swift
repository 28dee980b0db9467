/// Appends values to bytes for the run caches: fixed-width little-endian integers, length-prefixed bytes and
/// strings. Read back with ``ByteReader``; neither is a format of record (a cache that does not read is empty).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func integer(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int64) { integer(UInt64(bitPattern: value)) }

    mutating func data(_ data: some Collection<UInt8>) {
        integer(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func string(_ text: String) { data(text.utf8) }

    /// A flag, then the string when there is one.
    mutating func string(_ text: String?) {
        bytes.append(text == nil ? 0 : 1)
        if let text { string(text) }
    }
}

/// Reads what ``ByteWriter`` wrote; every read is nil past the end or on a length that does not fit.
struct ByteReader {
    let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    mutating func integer() -> UInt64? {
        guard bytes.endIndex - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * shift) }
        offset += 8
        return value
    }

    mutating func signed() -> Int64? { integer().map { Int64(bitPattern: $0) } }

    mutating func byte() -> UInt8? {
        guard offset < bytes.endIndex else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func data() -> ArraySlice<UInt8>? {
        guard let count = integer(), count <= UInt64(bytes.endIndex - offset) else { return nil }
        defer { offset += Int(count) }
        return bytes[offset..<offset + Int(count)]
    }

    mutating func string() -> String? { data().map { String(decoding: $0, as: UTF8.self) } }

    /// What ``ByteWriter/string(_:)-(String?)`` wrote: `.some(nil)` for an absent string, nil when unreadable.
    mutating func optionalString() -> String?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }
}
