import HardwareCounters

/// What a phase probe needs of a counter set: its opening notes, starting
/// the counters, cumulative snapshots and their difference. `CounterSet`
/// and `ProcessThreadCounters` are the sources outside tests; the protocol
/// lets a test make a snapshot fail.
protocol PhaseCounterSource: AnyObject, Sendable {
    /// How the set was opened, for the reader (groups split, group reads refused).
    var notes: [String] { get }
    /// Starts counting. Leaders open disabled, so a source nobody enables
    /// reads "not enabled" for every interval.
    func enable() throws
    func snapshot() throws -> CounterSnapshot
    func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta
}

extension PhaseCounterSource {
    /// Sources that count from the start (test doubles) need no enabling.
    func enable() throws {}
}

extension CounterSet: PhaseCounterSource {}
extension ProcessThreadCounters: PhaseCounterSource {}
