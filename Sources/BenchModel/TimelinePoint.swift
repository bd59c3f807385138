/// One second of a phase.
public struct TimelinePoint: Codable, Sendable, Equatable {
    public var second: Int
    public var completed: Int
    public var errors: Int
    /// Latency (from intended start) of operations completed in this second, µs.
    public var p50: Double
    public var p99: Double

    public init(second: Int, completed: Int, errors: Int, p50: Double, p99: Double) {
        self.second = second
        self.completed = completed
        self.errors = errors
        self.p50 = p50
        self.p99 = p99
    }
}
