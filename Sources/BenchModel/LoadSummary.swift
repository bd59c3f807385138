/// The initial load of every tenant's data.
public struct LoadSummary: Codable, Sendable, Equatable {
    public var points: Int
    public var seconds: Double
    public var pointsPerSecond: Double
    /// Seconds until every seal the load triggered had finished.
    public var sealSeconds: Double
    public var engine: EngineSummary?

    public init(points: Int, seconds: Double, pointsPerSecond: Double, sealSeconds: Double, engine: EngineSummary?) {
        self.points = points
        self.seconds = seconds
        self.pointsPerSecond = pointsPerSecond
        self.sealSeconds = sealSeconds
        self.engine = engine
    }
}
