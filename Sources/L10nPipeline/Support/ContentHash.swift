/// Content hashes: FNV-1a for unit ids, shards and manifests (stable across versions), and a faster
/// fingerprint for cache keys. Neither is for security.
enum ContentHash {
    /// FNV-1a's offset basis: the hash of no bytes.
    static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, 64 bits; from the hash of earlier bytes, the hash of those and `bytes` together.
    static func fnv1a(_ bytes: some Sequence<UInt8>, from start: UInt64 = fnv1aBasis) -> UInt64 {
        var hash = start
        for byte in bytes { hash = fnv1a(byte: byte, from: hash) }
        return hash
    }

    /// One step of FNV-1a.
    @inline(__always)
    static func fnv1a(byte: UInt8, from hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// FNV-1a as 16 lowercase hexadecimal digits.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        digits(fnv1a(bytes))
    }

    /// A 64-bit fingerprint of a list of byte strings, eight bytes per step: for cache keys over whole files,
    /// where FNV-1a's byte-at-a-time multiply chain is the bottleneck. Each part's length is mixed in, so no
    /// two different lists match by moving bytes across a boundary. Not stable across versions of ccl10n (a
    /// change only invalidates caches), unlike `hex`, which names units and pages.
    static func fingerprint(_ parts: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(parts.count)
        for part in parts {
            part.withUnsafeBytes { buffer in
                hash = mix(hash ^ UInt64(buffer.count))
                var offset = 0
                while offset + 8 <= buffer.count {
                    hash = mix(
                        hash ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                    offset += 8
                }
                var tail: UInt64 = 0
                for (shift, byte) in buffer[offset...].enumerated() { tail |= UInt64(byte) << (8 * shift) }
                hash = mix(mix(hash ^ tail))
            }
        }
        return digits(hash)
    }

    /// One multiply-xorshift round: every input bit reaches the high and the low half.
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9e37_79b9_7f4a_7c15
        return product ^ (product >> 29)
    }

    /// A hash as 16 lowercase hexadecimal digits.
    static func digits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
