import DequeModule
import Dispatch
import Histogram
import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs seals for every collection of an engine, at most `concurrency` at a
/// time (nil: each seal starts at once — the "unbounded" configuration whose
/// fsync storm vecbench exists to show). Waiting seals queue in order; the
/// time each waited is recorded, as is how long each ran.
///
/// Nothing blocks a thread while waiting: a finishing seal starts the next.
public final class SealScheduler: Sendable {
    public let concurrency: Int?

    struct Job {
        var collection: String
        var submitted: UInt64
        var work: @Sendable () -> Void
    }

    struct State {
        var queue = Deque<Job>()
        var running = 0
        var peakRunning = 0
        var completed = 0
        var waits = Histogram<UInt64>(highestTrackableValue: 3_600_000_000_000, numberOfSignificantValueDigits: .three)
        var durations = Histogram<UInt64>(highestTrackableValue: 3_600_000_000_000, numberOfSignificantValueDigits: .three)
    }

    private let state = Mutex(State())
    private let idle = DispatchGroup()

    public init(concurrency: Int?) {
        precondition(concurrency.map { $0 >= 1 } ?? true, "seal concurrency must be ≥ 1 or unbounded")
        self.concurrency = concurrency
    }

    /// Queues `work` (a whole seal of one collection).
    public func submit(collection: String, _ work: @escaping @Sendable () -> Void) {
        idle.enter()
        let job = Job(collection: collection, submitted: Self.now(), work: work)
        let start: Job? = state.withLock { state in
            if let limit = concurrency, state.running >= limit {
                state.queue.append(job)
                return nil
            }
            state.running += 1
            state.peakRunning = max(state.peakRunning, state.running)
            return job
        }
        if let start { launch(start) }
    }

    /// Blocks until every submitted seal has finished.
    public func waitUntilIdle() { idle.wait() }

    private func launch(_ job: Job) {
        DispatchQueue.global(qos: .utility).async { [self] in
            let started = Self.now()
            job.work()
            let finished = Self.now()
            let next: Job? = state.withLock { state in
                _ = state.waits.record(started - job.submitted)
                _ = state.durations.record(finished - started)
                state.completed += 1
                if let next = state.queue.popFirst() { return next }
                state.running -= 1
                return nil
            }
            if let next { launch(next) }
            idle.leave()
        }
    }

    public func statistics() -> SealSchedulerStatistics {
        state.withLock { state in
            SealSchedulerStatistics(
                concurrency: concurrency, running: state.running, queued: state.queue.count,
                peakRunning: state.peakRunning, completed: state.completed,
                queueWaitP50Milliseconds: Double(state.waits.valueAtPercentile(50)) / 1e6,
                queueWaitP99Milliseconds: Double(state.waits.valueAtPercentile(99)) / 1e6,
                queueWaitMaxMilliseconds: Double(state.waits.max) / 1e6,
                sealDurationP50Milliseconds: Double(state.durations.valueAtPercentile(50)) / 1e6,
                sealDurationP99Milliseconds: Double(state.durations.valueAtPercentile(99)) / 1e6,
                queueWaits: state.waits, sealDurations: state.durations)
        }
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// A snapshot of the seal scheduler: what runs, what waits, and how long
/// seals waited and took (zeros in the percentiles mean no seal completed;
/// `completed` says which).
public struct SealSchedulerStatistics: Codable, Sendable, Equatable {
    public var concurrency: Int?
    public var running: Int
    public var queued: Int
    public var peakRunning: Int
    public var completed: Int
    public var queueWaitP50Milliseconds: Double
    public var queueWaitP99Milliseconds: Double
    public var queueWaitMaxMilliseconds: Double
    public var sealDurationP50Milliseconds: Double
    public var sealDurationP99Milliseconds: Double
    /// Cumulative nanoseconds each completed seal waited in the queue and
    /// ran: the percentiles above cover the engine's whole life, so a reader
    /// that wants them over an interval differences two copies. Optional so
    /// that statistics from a worker without them still decode.
    public var queueWaits: Histogram<UInt64>?
    public var sealDurations: Histogram<UInt64>?
}
