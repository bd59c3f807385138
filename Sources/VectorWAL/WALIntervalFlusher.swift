import VectorCore

/// The one thread per process that runs every `interval` log's flushes.
///
/// Why one, not a thread per log: a process holding thousands of open
/// collections, each with a WAL of its own, would otherwise hold thousands
/// of threads (each with a stack mapping and its guard page, against
/// `vm.max_map_count`), all waking every interval to find nothing to sync.
/// Here an idle log costs an entry in a table. Syncs of different logs run
/// one after another on this thread; a log's appends never wait for it.
///
/// Each registered log has a deadline; the thread sleeps until the earliest,
/// then syncs every log whose deadline passed (if it wrote anything since
/// its last sync) and moves each deadline one interval on. Logs are held
/// weakly: `close()` unregisters, and a log dropped without closing simply
/// disappears from the table. The thread starts at the first registration
/// and then lives as long as the process (it sleeps while the table is empty).
final class WALIntervalFlusher: @unchecked Sendable {
    static let shared = WALIntervalFlusher()

    private struct Entry {
        weak var log: WriteAheadLog?
        let intervalNanoseconds: UInt64
        var deadline: UInt64
    }

    private let condition = Condition()
    // Guarded by `condition`.
    private var entries: [ObjectIdentifier: Entry] = [:]
    private var thread: WALThread?

    /// Starts flushing `log` every `intervalNanoseconds`.
    func register(_ log: WriteAheadLog, intervalNanoseconds: UInt64) throws(SystemError) {
        condition.lock()
        defer { condition.unlock() }
        if thread == nil {
            thread = try WALThread.start { [self] in run() }
        }
        let deadline = Condition.monotonicNanoseconds() + intervalNanoseconds
        entries[ObjectIdentifier(log)] = Entry(log: log, intervalNanoseconds: intervalNanoseconds, deadline: deadline)
        condition.broadcast()
    }

    /// Stops flushing `log`. A flush of it already under way may still
    /// finish; `WriteAheadLog.close()` waits for it like for any sync.
    func unregister(_ log: WriteAheadLog) {
        condition.withLock { _ = entries.removeValue(forKey: ObjectIdentifier(log)) }
    }

    /// Logs registered (for tests).
    var registeredCount: Int { condition.withLock { entries.count } }

    private func run() {
        condition.lock()
        while true {
            guard let earliest = entries.values.map(\.deadline).min() else {
                condition.wait()
                continue
            }
            let now = Condition.monotonicNanoseconds()
            guard now >= earliest else {
                condition.wait(untilMonotonicNanoseconds: earliest)
                continue
            }
            var due: [WriteAheadLog] = []
            for (key, entry) in entries where entry.deadline <= now {
                guard let log = entry.log else {
                    entries[key] = nil
                    continue
                }
                due.append(log)
                entries[key]?.deadline = now + entry.intervalNanoseconds
            }
            condition.unlock()
            for log in due { log.flushIfWritten() }
            condition.lock()
        }
    }
}
