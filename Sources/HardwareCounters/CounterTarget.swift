/// Whom a counter set counts.
public enum CounterTarget: Sendable, Equatable, Codable {
    /// The calling thread (pid 0) and, with inherit, every thread and process
    /// it starts afterwards — open before the runner starts its workers.
    /// Counting starts at `enable()`.
    case currentThread
    /// An existing process (its thread with this id) and, with inherit, the
    /// threads it starts afterwards — worker processes attached after spawn.
    /// Counting starts at `enable()`.
    case process(Int32)
    /// Only the commands this thread spawns afterwards, each from its exec on
    /// — perf stat's semantics. The counters are opened on this thread
    /// disabled, with inherit and enable_on_exec: a child inherits them at
    /// fork/spawn and the kernel enables its copies when it execs, so the
    /// parent itself is never counted. A child's counts are visible through
    /// this set while it runs and stay in it after it exits. `enable()` is not
    /// needed (and does nothing) for this target.
    case commandsSpawnedAfterwards

    /// The pid argument of perf_event_open.
    var pid: Int32 {
        switch self {
        case .currentThread, .commandsSpawnedAfterwards: 0
        case .process(let pid): pid
        }
    }
}
