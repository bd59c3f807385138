#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with one condition variable on the monotonic clock, and
/// `Waiter`s: condition variables of their own on the same mutex, for waking
/// one thread rather than all.
///
/// Why not Synchronization's `Mutex`: group commit needs writers to *sleep*
/// until a leader's fdatasync covers their record (and the interval flusher
/// needs a timed sleep it can be woken from), and `Mutex` has no condition
/// variable. Spinning on an `Atomic` would burn the two cores the benchmark
/// is measuring. So the WAL guards its state with this lock and waits on it.
///
/// The pthread objects live in heap memory this class owns (they must not
/// move while in use). Lock and unlock failures are programming errors (a
/// destroyed or foreign-owned mutex) and trap.
final class Condition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        precondition(pthread_cond_init(condition, &attributes) == 0, "pthread_cond_init failed")
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() {
        let code = pthread_mutex_lock(mutex)
        precondition(code == 0, "pthread_mutex_lock: errno \(code)")
    }

    func unlock() {
        let code = pthread_mutex_unlock(mutex)
        precondition(code == 0, "pthread_mutex_unlock: errno \(code)")
    }

    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Releases the lock, sleeps until `broadcast`, retakes the lock. The
    /// caller holds the lock and re-checks its predicate (wake-ups may be
    /// spurious).
    func wait() {
        let code = pthread_cond_wait(condition, mutex)
        precondition(code == 0, "pthread_cond_wait: errno \(code)")
    }

    /// `wait()` with a deadline on CLOCK_MONOTONIC; false when it passed.
    @discardableResult
    func wait(untilMonotonicNanoseconds deadline: UInt64) -> Bool {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        let code = pthread_cond_timedwait(condition, mutex, &time)
        precondition(code == 0 || code == ETIMEDOUT, "pthread_cond_timedwait: errno \(code)")
        return code == 0
    }

    /// Wakes every thread waiting on the shared condition (not `Waiter`s).
    func broadcast() {
        pthread_cond_broadcast(condition)
    }

    /// One thread's own condition variable on this lock's mutex, so whoever
    /// holds the lock can wake exactly that thread. `isQueued` and `lsn`
    /// are the owner's bookkeeping, guarded by the lock.
    final class Waiter: @unchecked Sendable {
        fileprivate let condition: UnsafeMutablePointer<pthread_cond_t>
        let lsn: UInt64
        var isQueued = false

        init(lsn: UInt64) {
            self.lsn = lsn
            condition = .allocate(capacity: 1)
            condition.initialize(to: pthread_cond_t())
            precondition(pthread_cond_init(condition, nil) == 0, "pthread_cond_init failed")
        }

        deinit {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
    }

    /// Releases the lock, sleeps until `signal(waiter)`, retakes the lock.
    /// Wake-ups may be spurious: the caller re-checks its predicate.
    func wait(_ waiter: Waiter) {
        let code = pthread_cond_wait(waiter.condition, mutex)
        precondition(code == 0, "pthread_cond_wait: errno \(code)")
    }

    /// Wakes the thread waiting on `waiter`, if it is waiting.
    func signal(_ waiter: Waiter) {
        pthread_cond_signal(waiter.condition)
    }

    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
