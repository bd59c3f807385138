/// A number computed from counters — per operation, or misses per thousand
/// instructions — with the reason when it cannot be computed.
public struct DerivedMetric: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// counter / operations
        case perOperation
        /// counter / instructions × 1000 (MPKI)
        case perThousandInstructions
        /// counter / interval seconds
        case perSecond
    }

    public var counter: String
    public var kind: Kind
    public var value: Double?
    /// Why `value` is nil.
    public var reason: String?

    /// True when the value comes from at least one multiplexed counter, so it
    /// is an estimate rather than an exact ratio.
    public var isEstimate: Bool

    public init(counter: String, kind: Kind, value: Double?, reason: String?, isEstimate: Bool = false) {
        self.counter = counter
        self.kind = kind
        self.value = value
        self.reason = reason
        self.isEstimate = isEstimate
    }
}
