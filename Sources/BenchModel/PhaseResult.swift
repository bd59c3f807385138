/// One phase of one configuration.
public struct PhaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var warmup: Bool
    /// `closed` or `open`.
    public var arrival: String
    public var seconds: Double
    /// Operations per second the arrival process asked for (open loop);
    /// nil for a closed loop, which offers as fast as it is served.
    public var offeredRate: Double?
    public var achievedRate: Double
    public var operations: [OperationResult]
    public var recall: RecallSummary?
    public var timeline: [TimelinePoint]
    public var counters: [CounterMeasurement]
    public var os: OSSummary
    public var engine: EngineSummary?
    public var search: SearchCostSummary?

    public init(name: String, warmup: Bool, arrival: String, seconds: Double, offeredRate: Double?, achievedRate: Double,
                operations: [OperationResult], recall: RecallSummary?, timeline: [TimelinePoint],
                counters: [CounterMeasurement], os: OSSummary, engine: EngineSummary?, search: SearchCostSummary?) {
        self.name = name
        self.warmup = warmup
        self.arrival = arrival
        self.seconds = seconds
        self.offeredRate = offeredRate
        self.achievedRate = achievedRate
        self.operations = operations
        self.recall = recall
        self.timeline = timeline
        self.counters = counters
        self.os = os
        self.engine = engine
        self.search = search
    }

    public func operation(_ kind: String) -> OperationResult? { operations.first { $0.kind == kind } }
}

/// Latency of one operation kind in a phase.
public struct OperationResult: Codable, Sendable, Equatable {
    /// `search`, `upsert` or `delete`.
    public var kind: String
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

    public init(kind: String, count: Int, errors: Int, points: Int, latency: LatencySummary, service: LatencySummary) {
        self.kind = kind
        self.count = count
        self.errors = errors
        self.points = points
        self.latency = latency
        self.service = service
    }
}

/// Percentiles of an HdrHistogram, in microseconds, with a curve for CDFs.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    /// (percentile, microseconds) at 0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100.
    public var curve: [[Double]]

    public init(count: Int, mean: Double, p50: Double, p90: Double, p99: Double, p999: Double, max: Double, curve: [[Double]]) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.curve = curve
    }

    public static let empty = LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [])
}

public struct RecallSummary: Codable, Sendable, Equatable {
    public var k: Int
    public var samples: Int
    public var mean: Double
    public var minimum: Double
    /// Share of sampled queries with recall below 0.5 (a broken tenant shows here).
    public var belowHalf: Double

    public init(k: Int, samples: Int, mean: Double, minimum: Double, belowHalf: Double) {
        self.k = k
        self.samples = samples
        self.mean = mean
        self.minimum = minimum
        self.belowHalf = belowHalf
    }
}

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

/// Distance evaluations and pages touched per search (the index's own
/// statistics, exact on any machine).
public struct SearchCostSummary: Codable, Sendable, Equatable {
    public var searches: Int
    public var distanceEvaluations: Double
    public var pagesTouched4K: Double
    public var pagesTouched2M: Double

    public init(searches: Int, distanceEvaluations: Double, pagesTouched4K: Double, pagesTouched2M: Double) {
        self.searches = searches
        self.distanceEvaluations = distanceEvaluations
        self.pagesTouched4K = pagesTouched4K
        self.pagesTouched2M = pagesTouched2M
    }
}
