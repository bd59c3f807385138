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
    /// Modelled memory-hierarchy figures of the phase's searches, one per
    /// model the workload asks for; empty when it asks for none (and in
    /// documents written before models existed).
    public var modelled: [ModelledMemory] = []
    /// Cold opens and tenants open; nil in documents written before it.
    public var tenancy: TenancySummary?

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
        case search, notes, modelled, tenancy
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
        modelled = try container.decodeIfPresent([ModelledMemory].self, forKey: .modelled) ?? []
        tenancy = try container.decodeIfPresent(TenancySummary.self, forKey: .tenancy)
    }

    /// Leaves `modelled` out when empty, so documents of workloads without
    /// a model read as they did before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(warmup, forKey: .warmup)
        try container.encode(arrival, forKey: .arrival)
        try container.encode(seconds, forKey: .seconds)
        try container.encodeIfPresent(offeredRate, forKey: .offeredRate)
        try container.encode(achievedRate, forKey: .achievedRate)
        try container.encode(operations, forKey: .operations)
        try container.encodeIfPresent(recall, forKey: .recall)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(counters, forKey: .counters)
        try container.encode(os, forKey: .os)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encodeIfPresent(search, forKey: .search)
        try container.encode(notes, forKey: .notes)
        if !modelled.isEmpty { try container.encode(modelled, forKey: .modelled) }
        try container.encodeIfPresent(tenancy, forKey: .tenancy)
    }
}
