/// A hardware or software counter over one phase, with its status. There is
/// no silent zero: `value` is nil whenever the counter did not count, and
/// `reason` says why.
public struct CounterMeasurement: Codable, Sendable, Equatable {
    public var name: String
    public var status: CounterStatusCode
    public var reason: String?
    public var value: Double?
    /// value / operations of the phase (nil when value is nil).
    public var perOperation: Double?
    /// Share of the phase the counter was actually on the PMU (multiplexing).
    public var runningPercent: Double?

    public init(name: String, status: CounterStatusCode, reason: String?, value: Double?, perOperation: Double?, runningPercent: Double?) {
        self.name = name
        self.status = status
        self.reason = reason
        self.value = value
        self.perOperation = perOperation
        self.runningPercent = runningPercent
    }

    public var isAvailable: Bool { value != nil }
}
