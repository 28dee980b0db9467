#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's identity for a cache: a 64-bit hash of its bytes, read in fixed-size blocks (so memory does not
/// grow with the file), and its status (inode, size, change times) to tell when the hash must be taken again.
enum FileFingerprint {
    /// The hash of bytes in memory; the same as ``of(path:)`` gives for a file of these bytes.
    static func of(_ bytes: [UInt8]) -> String {
        ContentHash.digits(value(of: bytes))
    }

    /// The hash of bytes in memory, as a number.
    static func value(of bytes: [UInt8]) -> UInt64 {
        value(of: bytes[...])
    }

    /// The hash of a slice of bytes, as a number.
    static func value(of bytes: ArraySlice<UInt8>) -> UInt64 {
        var hasher = Hasher64()
        bytes.withUnsafeBytes { hasher.add($0, final: true) }
        return hasher.value
    }

    /// The hash of a file's bytes; nil when it cannot be read.
    static func of(path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = Hasher64()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { block.deallocate() }
        guard let base = block.baseAddress else { return nil }
        while true {
            // Whole blocks until the end: only the last one may stop inside a word.
            var filled = 0
            while filled < block.count {
                let count = read(fd, base + filled, block.count - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { return nil }
                if count == 0 { break }
                filled += count
            }
            let end = filled < block.count
            hasher.add(UnsafeRawBufferPointer(rebasing: block[..<filled]), final: end)
            if end { return hasher.digits }
        }
    }

    /// The current time, in nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// What `stat` says of a file that changes whenever its bytes do: a write changes the change time, which
    /// no tool can set back, and ccl10n replaces files (a new inode).
    struct Status: Equatable, Sendable, CustomStringConvertible {
        var inode: UInt64
        var size: Int64
        var modification: Int64
        var change: Int64

        init(inode: UInt64, size: Int64, modification: Int64, change: Int64) {
            self.inode = inode
            self.size = size
            self.modification = modification
            self.change = change
        }

        init?(_ path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            self.init(status)
        }

        init(_ status: stat) {
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modification = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            change = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        }

        /// The later of the two times: a change after it shows in one of them.
        var modified: Int64 { max(modification, change) }

        var description: String { "\(inode)-\(size)-\(modification)-\(change)" }
    }

    /// Eight bytes per step, each word mixed in with a multiply-xorshift, the length at the end.
    private struct Hasher64 {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        private var length: UInt64 = 0

        mutating func add(_ buffer: UnsafeRawBufferPointer, final: Bool) {
            var offset = 0
            while offset + 8 <= buffer.count {
                hash = Self.mix(
                    hash ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            length += UInt64(buffer.count)
            guard final else { return }
            var tail: UInt64 = 0
            for (shift, byte) in buffer[offset...].enumerated() { tail |= UInt64(byte) << (8 * shift) }
            hash = Self.mix(Self.mix(hash ^ tail) ^ length)
        }

        var value: UInt64 { hash }

        var digits: String { ContentHash.digits(hash) }

        private static func mix(_ value: UInt64) -> UInt64 {
            let product = value &* 0x9e37_79b9_7f4a_7c15
            return product ^ (product >> 29)
        }
    }
}
