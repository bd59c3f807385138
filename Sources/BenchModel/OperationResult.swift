/// Latency of one operation kind in a phase.
public struct OperationResult: Codable, Sendable, Equatable {
    public var kind: OperationKind
    public var count: Int
    public var errors: Int
    /// Points written (upserts/deletes), for per-point rates.
    public var points: Int
    /// From the intended start (open loop: includes queueing behind a slow
    /// operation — coordinated-omission correct); equals service time in a
    /// closed loop.
    public var latency: LatencySummary
    /// From the actual start.
    public var service: LatencySummary

    public init(kind: OperationKind, count: Int, errors: Int, points: Int, latency: LatencySummary, service: LatencySummary) {
        self.kind = kind
        self.count = count
        self.errors = errors
        self.points = points
        self.latency = latency
        self.service = service
    }
}
