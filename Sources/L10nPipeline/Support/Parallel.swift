import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs work over items on every core: each worker makes its own context (a formatter, say, since ICU
/// objects are not shared between threads) and takes items one at a time; results keep the items' order.
enum Parallel {
    /// The number of workers: the machine's online cores.
    static var workers: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    static func map<Item: Sendable, Context, Result: Sendable>(
        _ items: [Item], context makeContext: @Sendable () -> Context, _ transform: @Sendable (Item, Context) -> Result
    ) -> [Result] {
        guard items.count > 1, workers > 1 else {
            let context = makeContext()
            return items.map { transform($0, context) }
        }
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: Result]>([:])
        DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
            let context = makeContext()
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { break }
                let result = transform(items[index], context)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { found in items.indices.compactMap { found[$0] } }
    }
}
