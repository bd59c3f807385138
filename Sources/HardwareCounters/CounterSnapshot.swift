/// The cumulative state of every counter in a set at one instant: raw
/// values with their enabled and running times, or why a counter has none.
/// Phases are measured as the difference of two snapshots (never by
/// resetting, which would disturb anyone else reading the same counters).
public struct CounterSnapshot: Codable, Sendable, Equatable {
    /// CLOCK_MONOTONIC when the snapshot was taken.
    public var monotonicNanos: UInt64
    public var samples: [CounterSample]

    public init(monotonicNanos: UInt64, samples: [CounterSample]) {
        self.monotonicNanos = monotonicNanos
        self.samples = samples
    }
}
