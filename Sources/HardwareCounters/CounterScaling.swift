/// Turns a raw count and its enabled/running times over an interval into a
/// value and a status. When the PMU multiplexes, a counter only runs part of
/// the time it is enabled; perf's estimate is raw × enabled / running, and
/// the running share is kept so readers can judge it.
public enum CounterScaling {
    public struct Outcome: Sendable, Equatable {
        /// The value to report; nil when there is no honest number.
        public var value: Double?
        public var status: CounterStatus
    }

    public static func evaluate(raw: UInt64, enabledNanos: UInt64, runningNanos: UInt64) -> Outcome {
        if enabledNanos == 0 {
            return Outcome(
                value: nil, status: .notCounted(reason: "the counter was not enabled during this interval"))
        }
        if runningNanos == 0 {
            return Outcome(
                value: nil,
                status: .notCounted(
                    reason: "enabled for \(formatNanos(enabledNanos)) but never scheduled on the PMU "
                        + "(all hardware counters busy: group too large, or taken by another user)"))
        }
        if runningNanos >= enabledNanos {
            return Outcome(value: Double(raw), status: .counted)
        }
        let share = Double(runningNanos) / Double(enabledNanos)
        return Outcome(value: Double(raw) / share, status: .scaled(runningPercent: share * 100))
    }

    static func formatNanos(_ nanos: UInt64) -> String {
        if nanos >= 1_000_000_000 { return "\(Double(nanos / 1_000_000) / 1000) s" }
        if nanos >= 1_000_000 { return "\(Double(nanos / 1000) / 1000) ms" }
        return "\(Double(nanos) / 1000) µs"
    }
}
