import BenchModel
import VectorCore

/// A workload: seeded data for many tenants, phases of traffic run in order
/// like a runbook, and the engine configurations to compare on it. Parsed
/// from `workloads/*.yaml` (JSON accepted); see `workloads/README.md` for
/// the schema. Every random choice derives from `seed`, so the operation
/// stream is the same for every configuration.
public struct Workload: Sendable, Equatable {
    public var name: String
    /// The file it was read from (for messages and the result document).
    public var source: String
    public var seed: UInt64
    public var data: DataSpecification
    public var phases: [PhaseSpecification]
    /// The base engine configuration…
    public var base: EngineSettings
    /// …and named variants, each overriding some of its settings. A workload
    /// without variants runs the base alone, named "base".
    public var variants: [EngineVariant]
    /// The file's `description`: what the workload shows, for reports
    /// ("" when the file gives none).
    public var summary: String = ""
    /// Memory-hierarchy models the measured phases' searches are replayed
    /// into (`model:`); empty models nothing.
    public var models: [ModelSpecification] = []

    public init(name: String, source: String, seed: UInt64, data: DataSpecification, phases: [PhaseSpecification],
                base: EngineSettings, variants: [EngineVariant]) {
        self.name = name
        self.source = source
        self.seed = seed
        self.data = data
        self.phases = phases
        self.base = base
        self.variants = variants
    }
}

/// The data every configuration is loaded with.
public struct DataSpecification: Sendable, Equatable, Codable {
    public var dimension: Int
    public var metric: Metric
    public var tenants: Int
    public var tenantSizes: SizeDistribution
    public var source: DataSource
    /// Queries generated per tenant (searches pick among them).
    public var queriesPerTenant: Int
    /// Neighbours per search unless a phase says otherwise, and recall@k.
    public var k: Int
    /// Searches per phase whose recall is checked against exact ground truth
    /// over the tenant's data as it stands at that moment.
    public var recallSamples: Int

    public init(dimension: Int, metric: Metric, tenants: Int, tenantSizes: SizeDistribution, source: DataSource,
                queriesPerTenant: Int, k: Int, recallSamples: Int) {
        self.dimension = dimension
        self.metric = metric
        self.tenants = tenants
        self.tenantSizes = tenantSizes
        self.source = source
        self.queriesPerTenant = queriesPerTenant
        self.k = k
        self.recallSamples = recallSamples
    }
}

/// How many points each tenant starts with.
public enum SizeDistribution: Sendable, Equatable, Codable {
    case fixed(Int)
    /// Sizes proportional to 1/rank^exponent, scaled so they sum to `total`,
    /// each clamped to `minimum`…`maximum`; ranks shuffled over tenants.
    case zipf(total: Int, exponent: Double, minimum: Int, maximum: Int)
    /// Sizes drawn from a lognormal with this median and sigma, clamped.
    case lognormal(median: Int, sigma: Double, minimum: Int, maximum: Int)
}

/// Where tenant vectors come from.
public enum DataSource: Sendable, Equatable, Codable {
    /// Each tenant draws from its own clustered distribution.
    case clustered(clustersPerTenant: Int)
    /// Rows of a dataset file, split across tenants in order (the file must
    /// hold at least the sum of tenant sizes plus every upserted point).
    case file(path: String)
}

/// One phase of traffic.
public struct PhaseSpecification: Sendable, Equatable, Codable {
    public var name: String
    public var length: PhaseLength
    public var arrival: ArrivalProcess
    public var tenantSelection: TenantSelection
    public var mix: OperationMix
    /// Run but not reported as a measurement (its numbers are kept apart).
    public var warmup: Bool

    public init(name: String, length: PhaseLength, arrival: ArrivalProcess, tenantSelection: TenantSelection,
                mix: OperationMix, warmup: Bool) {
        self.name = name
        self.length = length
        self.arrival = arrival
        self.tenantSelection = tenantSelection
        self.mix = mix
        self.warmup = warmup
    }
}

public enum PhaseLength: Sendable, Equatable, Codable {
    case seconds(Double)
    case operations(Int)
}

/// When operations are issued.
public enum ArrivalProcess: Sendable, Equatable, Codable {
    /// `clients` workers each issue the next operation as soon as the last
    /// one finished (throughput-bound; latency = service time).
    case closedLoop(clients: Int)
    /// Open loop: exponential gaps at `rate` operations per second.
    case poisson(rate: Double)
    /// Open loop: Poisson at `burstRate` for `burstSeconds`, then at
    /// `idleRate` (may be 0) for `idleSeconds`, repeated.
    case onOff(burstRate: Double, burstSeconds: Double, idleRate: Double, idleSeconds: Double)
    /// Open loop: Poisson at each step's rate for its duration, in order.
    case steps([RateStep])

    public var isOpenLoop: Bool {
        if case .closedLoop = self { return false }
        return true
    }
}

public struct RateStep: Sendable, Equatable, Codable {
    public var rate: Double
    public var seconds: Double
    public init(rate: Double, seconds: Double) {
        self.rate = rate
        self.seconds = seconds
    }
}

/// Which tenant each operation goes to.
public enum TenantSelection: Sendable, Equatable, Codable {
    case uniform
    /// Tenant of popularity rank r chosen with probability ∝ 1/r^exponent
    /// (ranks are a seeded permutation of tenants).
    case zipf(exponent: Double)
    /// `probability` of operations go to a hot `fraction` of tenants.
    case hotSet(fraction: Double, probability: Double)
}

/// What operations a phase issues.
public struct OperationMix: Sendable, Equatable, Codable {
    public var search: Double
    public var upsert: Double
    public var delete: Double
    /// Points per upsert operation (overridden by a configuration's
    /// `upsertBatch` when set, so batching can be compared on one stream of
    /// points: the stream then carries the same points in other batch sizes).
    public var upsertBatch: Int
    /// Ids per delete operation.
    public var deleteBatch: Int
    public var searchK: Int
    public var searchEF: Int

    public init(search: Double, upsert: Double, delete: Double, upsertBatch: Int, deleteBatch: Int, searchK: Int, searchEF: Int) {
        self.search = search
        self.upsert = upsert
        self.delete = delete
        self.upsertBatch = upsertBatch
        self.deleteBatch = deleteBatch
        self.searchK = searchK
        self.searchEF = searchEF
    }
}
