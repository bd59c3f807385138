import DequeModule
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorCore

/// A write-ahead log in a directory of segment files: opaque records with a
/// caller-chosen kind, consecutive LSNs, three fsync policies with group
/// commit, strict recovery, truncation and statistics.
///
/// ## API summary
///
/// ```swift
/// let wal = try WriteAheadLog.open(directory: "/data/wal",
///                                  configuration: .init(syncPolicy: .always))   // recovers first
/// let ack = try wal.append(kind: 1, payload: bytes)            // blocks until durable per policy
/// var batch = WALBatch(); batch.append(kind: 2, payload: a); batch.append(kind: 2, payload: b)
/// let acks = try wal.append(batch)                             // atomic: replayed whole or not at all
/// try wal.forEachBatch(from: checkpoint + 1) { batch in for record in batch { … } }
/// try wal.forEachRecord(from: lsn) { record in … }             // complete batches only
/// try wal.truncate(upTo: sealedLSN)                            // drops sealed segments ≤ lsn
/// let stats = wal.statistics()                                 // Codable snapshot, any time
/// try wal.close()
/// ```
///
/// - `open(directory:configuration:)` creates the directory if needed, takes
///   its `LOCK` (one opener at a time), checks every segment header, scans
///   the open segment, cuts off and zeroes one torn tail, and fdatasyncs
///   (not when it changed nothing in a segment this process closed cleanly:
///   `WALCleanCloses`).
///   `recovery` says what it found.
/// - `append(kind:payload:)`, `append(_: WALBatch)` return a
///   `WALAcknowledgement` (LSNs + `WALDurability`) once the policy allows:
///   `.always` after a shared fdatasync (group commit), `.naive` after the
///   append's own fdatasync, `.interval` / `.never` once written.
///   `appendAsync(_:)` is the same off the caller's thread.
/// - Threads may append concurrently; LSN order is write order.
/// - Replay (`forEachBatch`, `forEachRecord`, `records(from:)`, `verify()`)
///   checks every record it reads; sealed segments strictly. Meant for
///   start-up, before appends; records appended during a replay may or may
///   not be seen.
/// - `truncate(upTo:)` removes sealed segments whose records are all ≤ lsn,
///   oldest first; never the open segment.
/// - A failed write or fdatasync fails the append, every append waiting for
///   it, and all later appends with `WALError.failed` (same error): the log
///   is read-only until reopened. Replay still works.
/// - `close()` syncs what was written (unless failed) and releases the lock.
///   A log with the `interval` policy is flushed by the process's
///   `WALIntervalFlusher` (a scheduler and a few syncing threads) until `close()`.
///
/// Layouts: `WALSegmentHeader` (segment files), `WALRecord` (records and
/// batch framing).
///
/// Thread safety: all mutable state below is guarded by `condition`; the
/// only I/O done without it is a group-commit leader's fdatasync (on a
/// segment the state keeps alive until the sync ends). Hence
/// `@unchecked Sendable`.
public final class WriteAheadLog: @unchecked Sendable {
    public let directory: String
    public let configuration: WALConfiguration
    public let recovery: WALRecoveryReport

    let condition = Condition()
    let recorder: WALStatisticsRecorder
    let directoryLock: WALDirectoryLock

    // Guarded by `condition`.
    var sealedSegments: [WALSealedSegment]
    var openSegment: WALSegmentFile
    /// Where the next record goes in the open segment.
    var writeOffset: Int
    var nextLSN: UInt64
    /// Every record up to this LSN is completely written (pwrite returned).
    var writtenThrough: UInt64
    /// Every record up to this LSN is fdatasynced.
    var syncedThrough: UInt64
    /// `fsync always` writers sleeping until a sync covers their record, in
    /// arrival order, each on its own condition.
    var durableWaiters = Deque<Condition.Waiter>()
    /// Times a queued writer woke, and how many of those found its record
    /// still unsynced and a sync running, so it had to sleep again.
    var durableWakeups = 0
    var fruitlessWakeups = 0
    /// A group-commit leader (or the flusher) is in fdatasync.
    var syncInProgress = false
    /// Appends written since the last sync started: the next group.
    var unsyncedAppends: UInt64 = 0
    var failure: SystemError?
    var isClosed = false
    /// Registered with `WALIntervalFlusher` (policy `interval`).
    var hasFlusher = false
    let scratch = WALBuffer()

    init(directory: String, configuration: WALConfiguration, recovered: WALRecoveredState, directoryLock: WALDirectoryLock,
         aggregate: WALStatisticsAggregate? = nil) {
        self.directory = directory
        recorder = WALStatisticsRecorder(aggregate: aggregate)
        self.configuration = configuration
        self.recovery = recovered.report
        self.directoryLock = directoryLock
        sealedSegments = recovered.sealed
        openSegment = recovered.open
        writeOffset = recovered.writeOffset
        nextLSN = recovered.report.nextLSN
        writtenThrough = recovered.report.nextLSN - 1
        syncedThrough = recovered.report.nextLSN - 1
        recorder.segmentCount.store(UInt64(sealedSegments.count + 1))
        recorder.oldestLSN.store(recovered.report.oldestLSN)
        recorder.lastLSN.store(writtenThrough)
        recorder.durableLSN.store(syncedThrough)
    }

    /// Opens (recovering) or creates the log in `directory`. With an
    /// `aggregate`, every append and fdatasync is also counted there (see
    /// `WALStatisticsAggregate`).
    public static func open(
        directory: String, configuration: WALConfiguration = WALConfiguration(), aggregate: WALStatisticsAggregate? = nil
    ) throws(WALError) -> WriteAheadLog {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let lock = try WALDirectoryLock(directory)
        let wal: WriteAheadLog
        do {
            let recovered = try WALDirectory.recover(directory, configuration: configuration)
            wal = WriteAheadLog(
                directory: directory, configuration: configuration, recovered: recovered, directoryLock: lock, aggregate: aggregate)
        } catch {
            lock.release()
            throw error
        }
        aggregate?.opened.add(1)
        if case .interval(let milliseconds) = configuration.syncPolicy {
            do {
                try WALIntervalFlusher.shared.register(wal, intervalNanoseconds: UInt64(milliseconds) * 1_000_000)
                wal.hasFlusher = true
            } catch {
                try? wal.close()
                throw .system(error)
            }
        }
        return wal
    }

    /// The process's interval flusher (policy `interval`): flushes run and
    /// how late each started against its deadline.
    public static func intervalFlusherStatistics() -> WALFlusherStatistics {
        WALIntervalFlusher.shared.statistics()
    }

    /// The name of the lock file `open` creates in the directory.
    public static var lockFileName: String { WALDirectory.lockFileName }

    /// A snapshot of the counters; never waits for I/O.
    public func statistics() -> WALStatistics {
        recorder.snapshot(directory: directory, policy: configuration.syncPolicy)
    }

    /// The last LSN assigned (0 if none ever was).
    public var lastLSN: UInt64 { recorder.lastLSN.load() }
    /// Every record up to this LSN is fdatasynced.
    public var durableLSN: UInt64 { recorder.durableLSN.load() }
    /// The oldest LSN still in the log.
    public var oldestLSN: UInt64 { recorder.oldestLSN.load() }

    /// The error that made the log read-only, if one did.
    public var failureError: WALError? {
        condition.withLock { failure.map { WALError.failed($0) } }
    }

    /// Stops the flusher, fdatasyncs what was written (unless the log has
    /// failed) and releases the directory. Appends after this fail with
    /// `.closed`; closing twice is a no-op. Throws `.failed` if the final
    /// sync fails (the directory is released anyway).
    public func close() throws(WALError) {
        condition.lock()
        if isClosed {
            condition.unlock()
            return
        }
        isClosed = true
        let hasFlusher = self.hasFlusher
        self.hasFlusher = false
        condition.broadcast()
        condition.unlock()
        if hasFlusher { WALIntervalFlusher.shared.unregister(self) }

        condition.lock()
        defer { condition.unlock() }
        while syncInProgress { condition.wait() }
        var result: WALError?
        if failure == nil, writtenThrough > syncedThrough {
            do throws(SystemError) {
                try syncLocked()
            } catch {
                failLocked(error)
                result = .failed(error)
            }
        }
        // Everything written is on the device: a reopen by this process
        // that finds the file unchanged need not sync it again.
        if failure == nil, writtenThrough == syncedThrough { WALCleanCloses.recordClean(openSegment) }
        condition.broadcast()
        directoryLock.release()
        recorder.aggregate?.closed.add(1)
        if let result { throw result }
    }
}
