/// One phase of one configuration.
public struct PhaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var warmup: Bool
    public var arrival: ArrivalKind
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
    /// What the measurement itself wants a reader to know: a counter group
    /// split or multiplexed, a probe snapshot that failed at the start of
    /// the phase. Empty when there is nothing to say.
    public var notes: [String]

    public init(name: String, warmup: Bool, arrival: ArrivalKind, seconds: Double, offeredRate: Double?, achievedRate: Double,
                operations: [OperationResult], recall: RecallSummary?, timeline: [TimelinePoint],
                counters: [CounterMeasurement], os: OSSummary, engine: EngineSummary?, search: SearchCostSummary?,
                notes: [String] = []) {
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
        self.notes = notes
    }

    public func operation(_ kind: OperationKind) -> OperationResult? { operations.first { $0.kind == kind } }

    enum CodingKeys: String, CodingKey {
        case name, warmup, arrival, seconds, offeredRate, achievedRate, operations, recall, timeline, counters, os, engine
        case search, notes
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        warmup = try container.decode(Bool.self, forKey: .warmup)
        arrival = try container.decode(ArrivalKind.self, forKey: .arrival)
        seconds = try container.decode(Double.self, forKey: .seconds)
        offeredRate = try container.decodeIfPresent(Double.self, forKey: .offeredRate)
        achievedRate = try container.decode(Double.self, forKey: .achievedRate)
        operations = try container.decode([OperationResult].self, forKey: .operations)
        recall = try container.decodeIfPresent(RecallSummary.self, forKey: .recall)
        timeline = try container.decode([TimelinePoint].self, forKey: .timeline)
        counters = try container.decode([CounterMeasurement].self, forKey: .counters)
        os = try container.decode(OSSummary.self, forKey: .os)
        engine = try container.decodeIfPresent(EngineSummary.self, forKey: .engine)
        search = try container.decodeIfPresent(SearchCostSummary.self, forKey: .search)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}
