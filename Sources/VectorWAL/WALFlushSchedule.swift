import HeapModule

/// When each `interval` log is next due for a flush: the scheduling half of
/// `WALIntervalFlusher`, with no threads and no clock of its own (times are
/// passed in), so its order can be tested exactly.
///
/// Deadlines sit in a min-heap, so finding what is due costs O(log n) per
/// due log rather than a scan of every registered log at every wake-up. A
/// log's entry carries a generation; rescheduling or unregistering a log
/// bumps or drops it, and heap items of an older generation are discarded
/// when they reach the top (lazy deletion: removing from the middle of a
/// heap would need an index per log).
///
/// A log handed out by `takeDue` is *in flight*: it has no deadline until
/// `finished` gives it the next one, so a slow sync never gets the same
/// log queued twice.
struct WALFlushSchedule<Key: Hashable> {
    struct Due: Comparable {
        var deadline: UInt64
        var sequence: UInt64
        var key: Key
        var generation: UInt64

        static func < (a: Due, b: Due) -> Bool { (a.deadline, a.sequence) < (b.deadline, b.sequence) }
        static func == (a: Due, b: Due) -> Bool { a.deadline == b.deadline && a.sequence == b.sequence }
    }

    private struct Entry {
        var intervalNanoseconds: UInt64
        var generation: UInt64
        var inFlight = false
    }

    private var heap = Heap<Due>()
    private var entries: [Key: Entry] = [:]
    /// Ties between equal deadlines go to the earlier scheduled.
    private var sequence: UInt64 = 0
    private var generations: UInt64 = 0

    var count: Int { entries.count }

    /// Adds (or re-adds) `key`, first due one interval after `now`.
    mutating func register(_ key: Key, intervalNanoseconds: UInt64, now: UInt64) {
        generations += 1
        entries[key] = Entry(intervalNanoseconds: intervalNanoseconds, generation: generations)
        push(key, deadline: now &+ intervalNanoseconds, generation: generations)
    }

    /// Forgets `key`; its heap items become stale.
    mutating func unregister(_ key: Key) {
        entries[key] = nil
    }

    /// The earliest live deadline, discarding stale items on the way; nil
    /// when nothing is scheduled (every log in flight, or none registered).
    mutating func nextDeadline() -> UInt64? {
        while let top = heap.min {
            if isLive(top) { return top.deadline }
            _ = heap.removeMin()
        }
        return nil
    }

    /// Every log due at `now`, earliest deadline first, each with the
    /// deadline it was due at; they are in flight until `finished`.
    mutating func takeDue(now: UInt64, limit: Int = .max) -> [(key: Key, deadline: UInt64)] {
        var due: [(key: Key, deadline: UInt64)] = []
        while due.count < limit, let top = heap.min, top.deadline <= now {
            _ = heap.removeMin()
            guard isLive(top) else { continue }
            entries[top.key]!.inFlight = true
            due.append((top.key, top.deadline))
        }
        return due
    }

    /// A flush of `key` that started at `started` ended: it is next due one
    /// interval after that start (nothing, if it was unregistered meanwhile).
    mutating func finished(_ key: Key, started: UInt64) {
        guard var entry = entries[key], entry.inFlight else { return }
        entry.inFlight = false
        generations += 1
        entry.generation = generations
        entries[key] = entry
        push(key, deadline: started &+ entry.intervalNanoseconds, generation: generations)
    }

    private func isLive(_ due: Due) -> Bool {
        guard let entry = entries[due.key] else { return false }
        return entry.generation == due.generation && !entry.inFlight
    }

    private mutating func push(_ key: Key, deadline: UInt64, generation: UInt64) {
        sequence += 1
        heap.insert(Due(deadline: deadline, sequence: sequence, key: key, generation: generation))
    }
}
