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

extension Parallel {
    /// ``map(_:context:_:)`` without keeping every result: each is handed to `combine` in the items' order as
    /// soon as it and all before it are done (by whichever worker finished it, one at a time), so a run over
    /// 10,000 documents holds what `combine` keeps, not 10,000 results.
    static func reduce<Item: Sendable, Context, Result: Sendable, Accumulator>(
        _ items: [Item], into initial: sending Accumulator, context makeContext: @Sendable () -> Context,
        _ transform: @Sendable (Item, Context) -> Result,
        combine: @Sendable (inout Accumulator, Item, Result) -> Void
    ) -> Accumulator {
        let state = Mutex(OrderedResults<Accumulator, Result>(accumulator: initial))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            let context = makeContext()
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { break }
                let result = transform(items[index], context)
                state.withLock { state in
                    state.pending[index] = result
                    while let ready = state.pending.removeValue(forKey: state.next) {
                        combine(&state.accumulator, items[state.next], ready)
                        state.next += 1
                    }
                }
            }
        }
        return state.withLock { state in state.accumulator }
    }
}

/// What ``Parallel/reduce(_:into:context:_:combine:)`` keeps under its lock: the accumulator, the results that
/// finished before their turn, and the index of the next one to combine.
private struct OrderedResults<Accumulator, Result> {
    var accumulator: Accumulator
    var pending: [Int: Result] = [:]
    var next = 0
}
