/// Whether a counter counted, and if not, which kind of reason. The raw
/// values are the spellings documents have always carried.
public enum CounterStatusCode: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    /// On the PMU the whole phase.
    case counted
    /// Multiplexed: on the PMU part of the phase, the value scaled up by
    /// enabled ÷ running time.
    case scaled
    /// Opened but did not run, or could not be read.
    case notCounted = "not-counted"
    /// This machine cannot count it (no PMU, no such event).
    case unsupported
    case permissionDenied = "permission-denied"
    /// libpfm4 does not know the name.
    case unknownEvent = "unknown-event"
}
