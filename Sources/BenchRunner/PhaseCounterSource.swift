import HardwareCounters

/// What a phase probe needs of a counter set: its opening notes, cumulative
/// snapshots and their difference. `CounterSet` is the one source outside
/// tests; the protocol lets a test make a snapshot fail.
protocol PhaseCounterSource: AnyObject, Sendable {
    /// How the set was opened, for the reader (groups split, group reads refused).
    var notes: [String] { get }
    func snapshot() throws -> CounterSnapshot
    func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta
}

extension CounterSet: PhaseCounterSource {}
