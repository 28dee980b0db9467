#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Read-only bytes that outlive every view into them: a file mapped into memory (its pages are read only when
/// touched, so a large file costs memory only for what is looked at), or a copy of bytes made in memory.
///
/// Large parts read once and left are better copied out with ``copy(_:at:count:)``: from a file it reads
/// them with `pread`, so they stay in the page cache and do not count in the process's memory, as mapped
/// pages touched do (with the kernel's fault-around, 64 KB around every page touched).
final class MappedBytes: @unchecked Sendable {
    /// The first byte; 8-aligned (a mapping is page-aligned, a copy is allocated so).
    let base: UnsafeRawPointer
    let count: Int
    /// The mapped file, kept open for `pread`; -1 for a copy.
    private let descriptor: Int32

    /// Maps a whole file; nil when it is missing, empty or cannot be mapped.
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0,
            let address = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED
        else {
            close(fd)
            return nil
        }
        let size = Int(status.st_size)
        // Lookups jump around the file: no read-ahead, and no mapping of neighbouring pages on a fault, so the
        // process holds the pages it reads, not megabytes around each binary search.
        _ = madvise(address, size, MADV_RANDOM)
        base = UnsafeRawPointer(address)
        count = size
        descriptor = fd
    }

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 8)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        base = UnsafeRawPointer(memory)
        count = bytes.count
        descriptor = -1
    }

    deinit {
        if descriptor >= 0 {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
            close(descriptor)
        } else {
            base.deallocate()
        }
    }

    /// `count` values of `T` from `offset` (which must be aligned for `T` and lie inside the bytes).
    func values<T>(_: T.Type, at offset: Int, count: Int) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: base.advanced(by: offset).bindMemory(to: T.self, capacity: count), count: count)
    }

    /// The 64-bit little-endian value at `offset`.
    func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// `count` values of `T` from `offset` (aligned for `T`, inside the bytes), copied out: from a file with
    /// `pread`, without touching the mapping.
    func copy<T: BitwiseCopyable>(_: T.Type, at offset: Int, count: Int) -> [T] {
        guard count > 0 else { return [] }
        let size = count * MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let target = UnsafeMutableRawPointer(buffer.baseAddress) else { return }
            var done = 0
            if descriptor >= 0 {
                while done < size {
                    let read = pread(descriptor, target + done, size - done, off_t(offset + done))
                    if read < 0, errno == EINTR { continue }
                    // Not expected (the file is replaced, never changed in place): the mapping reads the rest.
                    guard read > 0 else { break }
                    done += read
                }
            }
            if done < size { (target + done).copyMemory(from: base + offset + done, byteCount: size - done) }
            initialized = count
        }
    }
}
