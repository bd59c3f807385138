/// One figure of one run: a number, or the reason there is none. A counter
/// that did not count is `.unavailable`, never `.value(0)`.
public enum MetricValue: Sendable, Equatable {
    case value(Double)
    case unavailable(String)

    public var number: Double? {
        if case .value(let value) = self { return value }
        return nil
    }

    public var unavailableReason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
