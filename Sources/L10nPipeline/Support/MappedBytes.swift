#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Read-only bytes that outlive every view into them: a file mapped into memory (its pages are read only when
/// touched, so a large file costs memory only for what is looked at), or a copy of bytes made in memory.
final class MappedBytes: @unchecked Sendable {
    /// The first byte; 8-aligned (a mapping is page-aligned, a copy is allocated so).
    let base: UnsafeRawPointer
    let count: Int
    private let isMapped: Bool

    /// Maps a whole file; nil when it is missing, empty or cannot be mapped.
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        // Lookups jump around the file: no read-ahead, and no mapping of neighbouring pages on a fault, so the
        // process holds the pages it reads, not megabytes around each binary search.
        _ = madvise(address, size, MADV_RANDOM)
        base = UnsafeRawPointer(address)
        count = size
        isMapped = true
    }

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 8)
        bytes.withUnsafeBytes {
            if let source = $0.baseAddress { memory.copyMemory(from: source, byteCount: $0.count) }
        }
        base = UnsafeRawPointer(memory)
        count = bytes.count
        isMapped = false
    }

    deinit {
        if isMapped { munmap(UnsafeMutableRawPointer(mutating: base), count) } else { base.deallocate() }
    }

    /// `count` values of `T` from `offset` (which must be aligned for `T` and lie inside the bytes).
    func values<T>(_: T.Type, at offset: Int, count: Int) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: base.advanced(by: offset).bindMemory(to: T.self, capacity: count), count: count)
    }

    /// The 64-bit little-endian value at `offset`.
    func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
