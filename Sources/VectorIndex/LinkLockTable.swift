import Synchronization

/// Striped mutexes guarding link lists during concurrent inserts. hnswlib
/// keeps one mutex per node; a fixed table of stripes gives the same
/// exclusion with bounded memory. A thread holds at most one stripe at a
/// time, so striping cannot deadlock.
final class LinkLockTable: @unchecked Sendable {
    static let stripes = 4096
    private let locks: UnsafeMutablePointer<Mutex<Void>>

    init() {
        locks = .allocate(capacity: Self.stripes)
        for i in 0..<Self.stripes { (locks + i).initialize(to: Mutex(())) }
    }

    deinit {
        locks.deinitialize(count: Self.stripes)
        locks.deallocate()
    }

    @inline(__always)
    func withLock<Result>(_ node: UInt32, _ body: () throws -> Result) rethrows -> Result {
        try locks[Int(node) & (Self.stripes - 1)].withLock { _ in try body() }
    }
}
