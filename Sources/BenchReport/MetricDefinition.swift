/// What a figure is: its stable id (used in thresholds files, CSV headers and
/// JUnit test names), how a person reads it, and which way is better.
public struct MetricDefinition: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case lowerIsBetter = "lower is better"
        case higherIsBetter = "higher is better"
        /// Context, not a score (offered rate, seal count).
        case neutral
    }

    public enum Unit: Sendable, Hashable {
        /// `perSearch` divides by search operations (queries); `perSegmentSearch`
        /// by the segment searches they fanned out to.
        /// `microsecondsPerOperation`: a duration per operation of the phase
        /// (CPU time), not a latency percentile.
        case microseconds, milliseconds, perSecond, fraction, perOperation, perSearch, perSegmentSearch, bytes, count, mean,
             microsecondsPerOperation
    }

    public let id: String
    public let title: String
    public let unit: Unit
    public let direction: Direction

    public init(id: String, title: String, unit: Unit, direction: Direction) {
        self.id = id
        self.title = title
        self.unit = unit
        self.direction = direction
    }

    /// The value with its unit, as tables show it.
    public func format(_ value: Double) -> String {
        switch unit {
        case .microseconds: NumberFormatting.latency(microseconds: value)
        case .milliseconds: NumberFormatting.milliseconds(value)
        case .perSecond: NumberFormatting.rate(value)
        case .fraction: NumberFormatting.fixed(value, 4)
        case .perOperation: NumberFormatting.significant(value) + "/op"
        case .perSearch: NumberFormatting.significant(value) + "/query"
        case .perSegmentSearch: NumberFormatting.significant(value) + "/segment search"
        case .bytes: NumberFormatting.bytes(value)
        case .count: NumberFormatting.grouped(value)
        case .mean: NumberFormatting.significant(value)
        case .microsecondsPerOperation: NumberFormatting.significant(value) + " µs/op"
        }
    }

    /// A difference between two values of this metric, signed.
    public func formatDelta(_ delta: Double) -> String {
        switch unit {
        case .fraction: NumberFormatting.signed(delta) { NumberFormatting.fixed($0, 4) }
        default: NumberFormatting.signed(delta) { format($0) }
        }
    }

    /// +1 when `delta` (current − reference) is an improvement, −1 when it is
    /// worse, 0 when the metric has no better direction or did not move.
    public func goodness(ofDelta delta: Double) -> Int {
        guard delta != 0 else { return 0 }
        switch direction {
        case .lowerIsBetter: return delta < 0 ? 1 : -1
        case .higherIsBetter: return delta > 0 ? 1 : -1
        case .neutral: return 0
        }
    }
}
