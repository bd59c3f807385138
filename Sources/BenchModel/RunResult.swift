/// The document one `vecbench run` writes: a workload run against every
/// configuration it names, schema `vecbench.run/1`. Report writers,
/// `compare`, `check` and `plan` read nothing else.
public struct RunResult: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "vecbench.run/1"

    public var schema: String = RunResult.schemaIdentifier
    public var runID: String
    public var context: RunContext
    public var workload: WorkloadSummary
    /// One entry per configuration and repetition, in run order.
    public var configurations: [ConfigurationResult]

    public init(runID: String, context: RunContext, workload: WorkloadSummary, configurations: [ConfigurationResult]) {
        self.runID = runID
        self.context = context
        self.workload = workload
        self.configurations = configurations
    }
}

public struct WorkloadSummary: Codable, Sendable, Equatable {
    public var name: String
    public var source: String
    /// Hash of the workload file's bytes.
    public var fileHash: String
    /// Hash of the operation streams (the same for every configuration).
    public var streamHash: String
    public var seed: UInt64
    public var tenants: Int
    public var dimension: Int
    public var metric: String
    public var initialPoints: Int
    public var phases: [String]

    public init(name: String, source: String, fileHash: String, streamHash: String, seed: UInt64, tenants: Int,
                dimension: Int, metric: String, initialPoints: Int, phases: [String]) {
        self.name = name
        self.source = source
        self.fileHash = fileHash
        self.streamHash = streamHash
        self.seed = seed
        self.tenants = tenants
        self.dimension = dimension
        self.metric = metric
        self.initialPoints = initialPoints
        self.phases = phases
    }
}

public struct ConfigurationResult: Codable, Sendable, Equatable {
    public enum Status: Codable, Sendable, Equatable {
        case completed
        /// Could not run (or was stopped); the others still ran.
        case failed(reason: String)
    }

    public var name: String
    /// 1-based; several entries of one name are repetitions of it.
    public var repetition: Int
    /// Every engine setting, spelled as in workload files.
    public var settings: [String: String]
    public var overriddenKeys: [String]
    public var status: Status
    public var load: LoadSummary?
    public var phases: [PhaseResult]
    public var errors: ErrorSummary

    public init(name: String, repetition: Int, settings: [String: String], overriddenKeys: [String], status: Status,
                load: LoadSummary?, phases: [PhaseResult], errors: ErrorSummary) {
        self.name = name
        self.repetition = repetition
        self.settings = settings
        self.overriddenKeys = overriddenKeys
        self.status = status
        self.load = load
        self.phases = phases
        self.errors = errors
    }
}

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

/// Engine errors and dead workers: how many, and the first messages.
public struct ErrorSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var firstMessages: [String]

    public init(count: Int = 0, firstMessages: [String] = []) {
        self.count = count
        self.firstMessages = firstMessages
    }
}
