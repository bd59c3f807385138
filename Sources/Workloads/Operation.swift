/// One operation of the stream, fully determined by the workload's seed.
///
/// Ids are tenant-local: a tenant's initial points are 0..<size, upserts
/// continue from there in stream order; the runner maps (tenant, local id)
/// to the engine's ids per tenancy.
public struct Operation: Sendable, Equatable, Hashable {
    public enum Kind: UInt8, Sendable, Codable, Hashable {
        case search, upsert, delete
    }

    /// Position in its phase's stream.
    public var sequence: Int
    /// Open loop: when it should start, in nanoseconds from the phase start
    /// (latency is measured from here: coordinated-omission correct).
    /// Closed loop: nil.
    public var intendedStart: UInt64?
    public var kind: Kind
    public var tenant: Int
    /// search: which of the tenant's queries.
    public var queryIndex: Int
    public var k: Int
    public var ef: Int
    /// upsert: first new local id and how many (consecutive);
    /// delete: the local ids to delete are `deleteIDs`.
    public var firstID: UInt64
    public var count: Int
    public var deleteIDs: [UInt64]
    /// upsert: seed of the new points' vectors.
    public var vectorSeed: UInt64

    public init(sequence: Int, intendedStart: UInt64?, kind: Kind, tenant: Int, queryIndex: Int = 0, k: Int = 0, ef: Int = 0,
                firstID: UInt64 = 0, count: Int = 0, deleteIDs: [UInt64] = [], vectorSeed: UInt64 = 0) {
        self.sequence = sequence
        self.intendedStart = intendedStart
        self.kind = kind
        self.tenant = tenant
        self.queryIndex = queryIndex
        self.k = k
        self.ef = ef
        self.firstID = firstID
        self.count = count
        self.deleteIDs = deleteIDs
        self.vectorSeed = vectorSeed
    }
}

/// `Operation` under a name Foundation's `Operation` (NSOperation) does not
/// shadow: a file that imports Foundation can write `WorkloadOperation`
/// instead of `Workloads.Operation`.
public typealias WorkloadOperation = Operation
