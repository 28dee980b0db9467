#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Times fuzzy lookups against a memory of any size, for `make bench` (`ccl10n tm bench`): the memory's
/// compact index is made first (not timed), then each query is looked up as extract looks up a new unit.
public enum LookupBenchmark {
    public struct Result: Sendable {
        /// Seconds to make the index, and each lookup's seconds, in query order.
        public var build: Double
        public var lookups: [Double]
        /// Matches found, over all queries.
        public var matches: Int
        public var entries: Int
    }

    /// Reads the memory from `entries` (a source and a target a line, tab-separated) and the queries from
    /// `queries` (one a line).
    public static func run(entries: String, queries: String) throws(DiagnosticError) -> Result {
        func lines(_ path: String) throws(DiagnosticError) -> [Substring] {
            guard let bytes = try FileStore.read(path) else {
                throw DiagnosticError(Diagnostic(.error, path: path, "no such file"))
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        }
        let pairs = try lines(entries).compactMap { line -> (source: String, target: String)? in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        return run(entries: pairs, queries: try lines(queries).map(String.init))
    }

    /// `entries`: source and target texts; `queries`: source texts.
    public static func run(entries: [(source: String, target: String)], queries: [String], minimum: Double = 0.75)
        -> Result
    {
        var memory = TranslationMemory(source: .english, target: .dutch)
        for (source, target) in entries {
            memory.add(
                .init(source: Segment([.text(source)]), target: Segment([.text(target)]), codes: [:], document: nil))
        }
        let start = now()
        let bytes = MemoryIndex.build(memory.entries)
        let build = now() - start
        // Read from a file, as extract reads its index (the file is gone once mapped and open).
        let path = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/ccl10n-tm-bench-\(getpid()).index"
        let stored = (try? FileStore.writeAtomically(bytes, to: path)).flatMap { MappedBytes(mapping: path) }
        FileStore.remove(path)
        guard let index = stored.flatMap(MemoryIndex.init) ?? MemoryIndex(MappedBytes(copying: bytes)) else {
            return Result(build: build, lookups: [], matches: 0, entries: 0)
        }
        memory = TranslationMemory(source: .english, target: .dutch)
        var lookups: [Double] = []
        var matches = 0
        for query in queries {
            let segment = Segment([.text(query)])
            let begin = now()
            if index.exact(segment) == nil {
                matches += index.fuzzy(segment, minimum: minimum, limit: 3).count
            } else {
                matches += 1
            }
            lookups.append(now() - begin)
        }
        return Result(build: build, lookups: lookups, matches: matches, entries: index.count)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
