import Synchronization

/// One mutex per node guarding its link lists during concurrent inserts, as
/// hnswlib's `link_list_locks_`.
///
/// An inserting thread holds its new node's lock for the whole insertion
/// (`withLock(node)` around it), so no other thread can expand a node whose
/// lower levels are not linked yet — walking through such a node leaves the
/// walker with one neighbour, and the graph with nodes nobody can reach.
/// This is deadlock-free only with a lock per node: a thread holds its own
/// node and at most one other, and it can only meet another inserting node
/// at a level that node has finished. Stripes shared by several nodes would
/// break that argument, hence one (4-byte) mutex per node.
final class LinkLockTable: @unchecked Sendable {
    let capacity: Int
    private let locks: UnsafeMutablePointer<Mutex<Void>>

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        locks = .allocate(capacity: self.capacity)
        for i in 0..<self.capacity { (locks + i).initialize(to: Mutex(())) }
    }

    deinit {
        locks.deinitialize(count: capacity)
        locks.deallocate()
    }

    @inline(__always)
    func withLock<Result>(_ node: UInt32, _ body: () throws -> Result) rethrows -> Result {
        try locks[Int(node)].withLock { _ in try body() }
    }
}
