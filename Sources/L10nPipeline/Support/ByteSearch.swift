/// Finding a run of bytes in bytes.
extension [UInt8] {
    /// Whether `needle` occurs in these bytes. The standard library's `contains(_:)` for a collection is generic
    /// code that is not specialized for bytes: on a manifest of 5 MB it took most of an incremental build.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { needle in
                var index = 0
                let last = hay.count - needle.count
                while index <= last {
                    if hay[index] == first, hay[index..<index + needle.count].elementsEqual(needle) {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
