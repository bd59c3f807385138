import CLinuxShims
import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// A set of perf_event counters opened on one target: hardware events in one
/// group (split only where the PMU cannot schedule them together), software
/// events in another so they count even where hardware cannot. Leaders are
/// opened disabled; `enable()` starts every group at once; `snapshot()` reads
/// cumulative raw values with their enabled/running times; phases are
/// `CounterDelta.delta(from:to:)` of two snapshots.
///
/// Events the kernel refuses stay in the set with a status (unsupported,
/// permission denied), so every requested name appears in every reading.
///
/// The descriptors are closed when the set is released. Reads and ioctls
/// are plain syscalls on immutable descriptors, so a set may be shared
/// between threads.
public final class CounterSet: Sendable {
    /// One requested event and where it ended up.
    struct Slot: Sendable {
        var name: String
        var encoding: EventEncoding?
        /// Why the event is not counting; nil when it was opened.
        var failure: CounterStatus?
        var fd: Int32
        var id: UInt64
        var group: Int?
    }

    /// One perf_event group: the leader and the slots that belong to it.
    struct Group: Sendable {
        var leaderFD: Int32
        var slots: [Int]
        /// False when the kernel refused PERF_FORMAT_GROUP (with inherit) and
        /// every member is read on its own.
        var readsAsGroup: Bool
    }

    public let target: CounterTarget
    public let options: CounterOptions
    public let environment: PerfEventEnvironment
    /// Things a reader of the results should know about how the set was
    /// opened: groups split, group reads refused, kernel counting dropped.
    public let notes: [String]
    let slots: [Slot]
    let groups: [Group]

    /// Opens `events` (perf / libpfm4 names) on `target`. Throws for names
    /// nobody knows when `options.unknownEvents` is `.reject`; events the
    /// kernel refuses never throw, they carry their status.
    public init(
        events: [String], target: CounterTarget = .currentThread, options: CounterOptions = CounterOptions(),
        environment: PerfEventEnvironment = .current()
    ) throws(CounterError) {
        var opener = GroupOpener(target: target, options: options, environment: environment)
        try opener.open(events)
        self.target = target
        self.options = options
        self.environment = environment
        self.slots = opener.slots
        self.groups = opener.groups
        self.notes = opener.notes
    }

    deinit {
        for slot in slots where slot.fd >= 0 { _ = close(slot.fd) }
    }

    /// Each requested event with its encoding, group and — when it could not
    /// be opened — its status.
    public var events: [CounterSample] {
        slots.map { CounterSample(name: $0.name, encoding: $0.encoding, group: $0.group, raw: nil, failure: $0.failure) }
    }

    /// True when at least one counter is open.
    public var isCounting: Bool { !groups.isEmpty }

    /// Starts every group. Not needed for `.commandsSpawnedAfterwards`, whose
    /// counters the kernel enables in each child at exec; enabling them here
    /// would count this process too, so it is skipped.
    public func enable() throws(CounterError) {
        if target == .commandsSpawnedAfterwards { return }
        for group in groups {
            _ = try perform("perf_event_enable", group) { vb_perf_event_enable(group.leaderFD, 1) }
        }
    }

    /// Stops every group; values stay readable.
    public func disable() throws(CounterError) {
        for group in groups {
            _ = try perform("perf_event_disable", group) { vb_perf_event_disable(group.leaderFD, 1) }
        }
    }

    /// The cumulative values of every counter now.
    public func snapshot() throws(CounterError) -> CounterSnapshot {
        var entries: [Int: CounterReadFormat.Entry] = [:]
        for group in groups {
            if group.readsAsGroup {
                let name = slots[group.slots[0]].name
                let words = try readWords(fd: group.leaderFD, count: CounterReadFormat.groupWordCount(members: group.slots.count), event: name)
                let parsed = try CounterReadFormat.parseGroup(words, event: name)
                for entry in parsed {
                    guard let slot = group.slots.first(where: { slots[$0].id == entry.id }) else {
                        throw .malformedRead(event: name, detail: "group read carries unknown event id \(entry.id)")
                    }
                    entries[slot] = entry
                }
            } else {
                for index in group.slots {
                    let words = try readWords(fd: slots[index].fd, count: CounterReadFormat.singleWordCount, event: slots[index].name)
                    entries[index] = try CounterReadFormat.parseSingle(words, event: slots[index].name)
                }
            }
        }
        let samples = slots.indices.map { index -> CounterSample in
            let slot = slots[index]
            if let failure = slot.failure {
                return CounterSample(name: slot.name, encoding: slot.encoding, group: nil, raw: nil, failure: failure)
            }
            guard let entry = entries[index] else {
                return CounterSample(
                    name: slot.name, encoding: slot.encoding, group: slot.group, raw: nil,
                    failure: .notCounted(reason: "the group read did not include this counter"))
            }
            return CounterSample(
                name: slot.name, encoding: slot.encoding, group: slot.group,
                raw: .init(value: entry.value, enabledNanos: entry.enabledNanos, runningNanos: entry.runningNanos),
                failure: nil)
        }
        return CounterSnapshot(monotonicNanos: MonotonicClock.nanos(), samples: samples)
    }

    /// The interval between two snapshots of this set.
    public func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta {
        CounterDelta.delta(from: start, to: end)
    }

    /// Runs `body` between two snapshots and returns its result with the
    /// reading of that interval.
    public func measure<Result>(_ body: () throws -> Result) throws -> (result: Result, reading: CounterDelta) {
        let start = try snapshot()
        let result = try body()
        let end = try snapshot()
        return (result, delta(from: start, to: end))
    }

    private func perform(
        _ operation: StaticString, _ group: Group, _ call: () -> Int32
    ) throws(CounterError) -> Int32 {
        do {
            return try SystemCall.run(operation, path: slots[group.slots[0]].name, call)
        } catch {
            throw .system(error)
        }
    }

    private func readWords(fd: Int32, count: Int, event: String) throws(CounterError) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: count)
        let outcome = words.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) -> Int in
                try SystemCall.run("read", path: event) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
            }
        }
        let bytes: Int
        switch outcome {
        case .success(let count): bytes = count
        case .failure(let error): throw .system(error)
        }
        guard bytes % 8 == 0 else {
            throw .malformedRead(event: event, detail: "read returned \(bytes) bytes, not whole 64-bit words")
        }
        return Array(words.prefix(bytes / 8))
    }
}
