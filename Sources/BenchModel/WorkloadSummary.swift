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
