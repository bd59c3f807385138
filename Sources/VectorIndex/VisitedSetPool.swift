import Synchronization

/// Hands out visited sets to concurrent searches and always takes them back:
/// the only way to get one is `withVisitedSet`, which returns it to the pool
/// when the closure ends, whether it returns or throws.
final class VisitedSetPool: Sendable {
    let capacity: Int
    private let free = Mutex<[VisitedSet]>([])

    init(capacity: Int) { self.capacity = capacity }

    func withVisitedSet<Result>(_ body: (VisitedSet) throws -> Result) rethrows -> Result {
        let set = free.withLock { $0.popLast() } ?? VisitedSet(capacity: capacity)
        defer { free.withLock { $0.append(set) } }
        set.startTraversal()
        return try body(set)
    }
}
