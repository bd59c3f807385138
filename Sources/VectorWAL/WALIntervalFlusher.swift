import DequeModule
import VectorCore

/// The threads that run every `interval` log's flushes in a process: one
/// scheduler and a small, bounded pool of syncing threads.
///
/// Why not a thread per log: a process holding thousands of open
/// collections, each with a WAL of its own, would otherwise hold thousands
/// of threads (each with a stack mapping and its guard page, against
/// `vm.max_map_count`), all waking every interval to find nothing to sync.
/// Here an idle log costs an entry in a table.
///
/// Why a pool rather than syncing on the scheduler thread: fdatasync waits
/// for the device, and with thousands of dirty logs due at once, one thread
/// syncing them one after another stretches a 50 ms interval into seconds.
/// Several syncs in flight overlap their device waits (the device and the
/// file system's journal batch them). The pool is bounded (`syncThreads`),
/// so a burst of dirty logs queues rather than spawning threads.
///
/// The scheduler sleeps until the earliest deadline (`WALFlushSchedule`, a
/// min-heap), queues every log then due for the pool, and sleeps again. A
/// log is next due one interval after its flush started. How late flushes
/// start against their deadlines is measured (`statistics()`): the
/// interval a log actually gets is its interval plus that lag.
///
/// Logs are held weakly: `close()` unregisters, and a log dropped without
/// closing simply disappears from the table. The threads start at the first
/// registration and then live as long as the process (sleeping while
/// nothing is due).
final class WALIntervalFlusher: @unchecked Sendable {
    static let shared = WALIntervalFlusher(syncThreads: 4)

    private struct Registration {
        weak var log: WriteAheadLog?
    }

    private struct Work {
        var key: ObjectIdentifier
        var log: WriteAheadLog
        var deadline: UInt64
    }

    let syncThreads: Int
    private let condition = Condition()
    // Guarded by `condition`.
    private var schedule = WALFlushSchedule<ObjectIdentifier>()
    private var registrations: [ObjectIdentifier: Registration] = [:]
    private var queue = Deque<Work>()
    private var started = false
    private let recorder = WALFlusherRecorder()

    init(syncThreads: Int) {
        precondition(syncThreads >= 1, "an interval flusher needs a syncing thread")
        self.syncThreads = syncThreads
    }

    /// Starts flushing `log` every `intervalNanoseconds`.
    func register(_ log: WriteAheadLog, intervalNanoseconds: UInt64) throws(SystemError) {
        condition.lock()
        defer { condition.unlock() }
        if !started {
            _ = try WALThread.start { [self] in runScheduler() }
            for _ in 0..<syncThreads { _ = try WALThread.start { [self] in runSyncer() } }
            started = true
        }
        let key = ObjectIdentifier(log)
        registrations[key] = Registration(log: log)
        schedule.register(key, intervalNanoseconds: intervalNanoseconds, now: Condition.monotonicNanoseconds())
        condition.broadcast()
    }

    /// Stops flushing `log`. A flush of it already under way may still
    /// finish; `WriteAheadLog.close()` waits for it like for any sync.
    func unregister(_ log: WriteAheadLog) {
        condition.withLock {
            let key = ObjectIdentifier(log)
            registrations[key] = nil
            schedule.unregister(key)
        }
    }

    /// Logs registered (for tests).
    var registeredCount: Int { condition.withLock { schedule.count } }

    /// Flushes so far and how late they started.
    func statistics() -> WALFlusherStatistics {
        recorder.snapshot(threads: syncThreads, registered: registeredCount)
    }

    /// Sleeps until the earliest deadline, then queues every due log. One
    /// condition serves both sides: a registration may bring a deadline
    /// nearer, and queued work wakes the syncers.
    private func runScheduler() {
        condition.lock()
        while true {
            guard let earliest = schedule.nextDeadline() else {
                condition.wait()
                continue
            }
            let now = Condition.monotonicNanoseconds()
            guard now >= earliest else {
                condition.wait(untilMonotonicNanoseconds: earliest)
                continue
            }
            var queued = false
            for (key, deadline) in schedule.takeDue(now: now) {
                guard let log = registrations[key]?.log else {
                    registrations[key] = nil
                    schedule.unregister(key)
                    continue
                }
                // A log with nothing written since its last sync is due
                // again one interval on, without waking a syncer: idle logs
                // (most of them, with many tenants) would otherwise wake
                // every syncing thread at each deadline. The log's lock is
                // taken under this one; a log never calls the flusher while
                // holding its own, so the order cannot invert.
                guard log.needsIntervalFlush else {
                    schedule.finished(key, started: now)
                    continue
                }
                queue.append(Work(key: key, log: log, deadline: deadline))
                queued = true
            }
            if queued { condition.broadcast() }
        }
    }

    /// Takes due logs off the queue and syncs each (if it wrote anything
    /// since its last sync), outside the lock.
    private func runSyncer() {
        condition.lock()
        while true {
            guard let work = queue.popFirst() else {
                condition.wait()
                continue
            }
            condition.unlock()
            let start = Condition.monotonicNanoseconds()
            let synced = work.log.flushIfWritten()
            recorder.record(lagNanoseconds: start > work.deadline ? start - work.deadline : 0, synced: synced)
            condition.lock()
            schedule.finished(work.key, started: start)
            // The next deadline may be the earliest now.
            condition.broadcast()
        }
    }
}
