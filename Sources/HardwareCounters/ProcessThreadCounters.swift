#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// The same events counted on every thread of this process, as `perf stat -p`
/// does: one `CounterSet` per thread listed in /proc/self/task, each opened
/// with inherit, so the threads those threads start afterwards are counted
/// too. Snapshots are the sums over every thread's set.
///
/// Why not one set on the calling thread with inherit: it counts only the
/// threads the caller starts after opening. Threads that already exist — a
/// dispatch pool running seals, a WAL flusher started when a collection
/// opened — serve the measured interval just the same and would be missed.
///
/// Threads started between the listing and the opening of their parent's
/// set would escape both, so the listing is repeated until it brings no
/// new thread. A thread that exits keeps its counts: an opened (not
/// inherited) event stays readable after its task is gone, and an inherited
/// one folds into its parent's at exit.
///
/// Summing follows perf's aggregation: raw counts, enabled and running times
/// are each summed over the threads and scaled once. A thread's task events
/// are enabled only while it is on a CPU, so for software events the summed
/// enabled time is the CPU time of the counted threads.
public final class ProcessThreadCounters: Sendable {
    /// The requested names, in order; every snapshot lists exactly these.
    public let events: [String]
    /// The threads counted directly (their descendants are counted by inherit).
    public let threads: [Int32]
    /// How the sets were opened (groups split, group reads refused, threads
    /// that could not be counted), each once.
    public let notes: [String]
    let sets: [CounterSet]

    /// Rounds of listing /proc/self/task before giving up on a process that
    /// keeps starting threads faster than they are opened.
    static let listingRounds = 8

    /// Opens `events` on every thread of this process. Throws what
    /// `CounterSet.init` throws for names nobody knows; events the kernel
    /// refuses carry their status, as in a `CounterSet`. Every thread costs
    /// a descriptor per event, taken from the same limit the engine's files
    /// need: `maximumThreads` (by default what `descriptorBudget()` allows)
    /// bounds them, and threads beyond it are not counted, which a note says.
    public init(
        events: [String], options: CounterOptions = CounterOptions(), maximumThreads: Int? = nil,
        environment: PerfEventEnvironment = .current()
    ) throws(CounterError) {
        let maximumThreads = max(1, maximumThreads ?? Self.descriptorBudget() / max(events.count, 1))
        var options = options
        options.inherit = true
        var sets: [CounterSet] = []
        var opened: Set<Int32> = []
        var notes: [String] = []
        var skipped = 0
        var listingFailure: String?
        for _ in 0..<Self.listingRounds {
            let listed: [Int32]
            do {
                listed = try Self.threadIDs()
            } catch {
                listingFailure = "\(error)"
                break
            }
            let fresh = listed.filter { !opened.contains($0) }
            if fresh.isEmpty { break }
            for tid in fresh {
                opened.insert(tid)
                guard sets.count < maximumThreads else {
                    skipped += 1
                    continue
                }
                let set = try CounterSet(events: events, target: .process(tid), options: options, environment: environment)
                // A thread gone before its set opened has nothing to count.
                if !set.isCounting, !Self.threadExists(tid) { continue }
                sets.append(set)
            }
        }
        if sets.isEmpty {
            // The listing failed: the calling thread and what it starts are
            // still counted, and the note says which threads are not.
            sets.append(try CounterSet(events: events, target: .currentThread, options: options, environment: environment))
            notes.append(
                "the threads of this process could not be listed (\(listingFailure ?? "no thread found")): counting only "
                    + "the calling thread and the threads it starts afterwards")
        }
        if skipped > 0 {
            notes.append(
                "\(skipped) threads of this process not counted: counters are opened on at most \(maximumThreads) threads")
        }
        self.events = events
        self.sets = sets
        self.threads = sets.compactMap { set in
            if case .process(let tid) = set.target { return tid }
            return nil
        }
        var seen = Set<String>()
        self.notes = (sets.flatMap(\.notes) + notes).filter { seen.insert($0).inserted }
    }

    /// Each requested event with its encoding, group and — when no thread
    /// could open it — its status, as the first thread's set has it.
    public var eventStatuses: [CounterSample] { sets.first?.events ?? [] }

    /// True when at least one counter is open on at least one thread.
    public var isCounting: Bool { sets.contains { $0.isCounting } }

    /// Starts every thread's groups.
    public func enable() throws(CounterError) {
        for set in sets { try set.enable() }
    }

    /// Stops every thread's groups; values stay readable.
    public func disable() throws(CounterError) {
        for set in sets { try set.disable() }
    }

    /// The cumulative values, summed over the threads, now.
    public func snapshot() throws(CounterError) -> CounterSnapshot {
        var parts: [CounterSnapshot] = []
        parts.reserveCapacity(sets.count)
        for set in sets { parts.append(try set.snapshot()) }
        return Self.sum(parts)
    }

    /// The interval between two snapshots of this set.
    public func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta {
        CounterDelta.delta(from: start, to: end)
    }

    /// Sums snapshots of sets opened for the same events: per position, the
    /// raw counts and times of every part that has them; an event no part
    /// could open keeps the first part's failure.
    static func sum(_ parts: [CounterSnapshot]) -> CounterSnapshot {
        guard let first = parts.first else { return CounterSnapshot(monotonicNanos: MonotonicClock.nanos(), samples: []) }
        let samples = first.samples.indices.map { index -> CounterSample in
            var total: CounterSample.Raw?
            var opened: CounterSample?
            for part in parts where index < part.samples.count {
                let sample = part.samples[index]
                guard let raw = sample.raw else { continue }
                if opened == nil { opened = sample }
                var sum = total ?? CounterSample.Raw(value: 0, enabledNanos: 0, runningNanos: 0)
                sum.value &+= raw.value
                sum.enabledNanos &+= raw.enabledNanos
                sum.runningNanos &+= raw.runningNanos
                total = sum
            }
            guard var sample = opened, let total else { return first.samples[index] }
            sample.raw = total
            return sample
        }
        return CounterSnapshot(monotonicNanos: parts.map(\.monotonicNanos).max() ?? first.monotonicNanos, samples: samples)
    }

    /// Descriptors the counters may take: a quarter of what the open-file
    /// limit leaves free now, so the engine's own files (collections opened
    /// during a phase) keep the rest; 4,096 when the limit cannot be read.
    public static func descriptorBudget() -> Int {
        guard let limit = try? OpenFileLimit.current() else { return 4096 }
        guard let soft = limit.soft else { return 1 << 16 }
        let open = ProcessFootprint.read(parts: [.openFiles]).openFiles ?? 0
        return max(0, Int(clamping: soft) - open) / 4
    }

    /// The ids of this process's threads now.
    static func threadIDs() throws(SystemError) -> [Int32] {
        try ProcFile.directoryEntries("/proc/self/task").compactMap { Int32($0) }
    }

    static func threadExists(_ tid: Int32) -> Bool {
        let path = "/proc/self/task/\(tid)"
        return (try? SystemCall.run("access", path: path) { access(path, F_OK) }) != nil
    }
}
