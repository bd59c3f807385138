/// One counter over one interval (a phase, a command's run): the value —
/// exact or scaled — and the status that says which, or why there is none.
public struct CounterValue: Codable, Sendable, Equatable {
    public var name: String
    public var status: CounterStatus
    /// The exact count, or the multiplexing estimate; nil whenever the status
    /// has no value. Never a stand-in zero.
    public var value: Double?
    /// The unscaled difference of the raw counts; nil when never opened.
    public var rawValue: UInt64?
    public var enabledNanos: UInt64
    public var runningNanos: UInt64
    /// The perf_event group it counted in; ratios are exact within a group.
    public var group: Int?
    public var encoding: EventEncoding?

    public init(
        name: String, status: CounterStatus, value: Double?, rawValue: UInt64?,
        enabledNanos: UInt64, runningNanos: UInt64, group: Int?, encoding: EventEncoding?
    ) {
        self.name = name
        self.status = status
        self.value = value
        self.rawValue = rawValue
        self.enabledNanos = enabledNanos
        self.runningNanos = runningNanos
        self.group = group
        self.encoding = encoding
    }

    /// Share of the enabled time the counter was on the PMU, in percent; nil
    /// when it was never enabled.
    public var runningPercent: Double? {
        enabledNanos == 0 ? nil : Double(runningNanos) / Double(enabledNanos) * 100
    }

    /// Builds the value of an interval from raw totals.
    static func evaluating(
        name: String, raw: UInt64, enabledNanos: UInt64, runningNanos: UInt64, group: Int?,
        encoding: EventEncoding?
    ) -> CounterValue {
        let outcome = CounterScaling.evaluate(raw: raw, enabledNanos: enabledNanos, runningNanos: runningNanos)
        return CounterValue(
            name: name, status: outcome.status, value: outcome.value, rawValue: raw,
            enabledNanos: enabledNanos, runningNanos: runningNanos, group: group, encoding: encoding)
    }

    /// A counter that never opened: no value, its open failure as status.
    static func failed(name: String, status: CounterStatus, encoding: EventEncoding?) -> CounterValue {
        CounterValue(
            name: name, status: status, value: nil, rawValue: nil, enabledNanos: 0, runningNanos: 0,
            group: nil, encoding: encoding)
    }
}
