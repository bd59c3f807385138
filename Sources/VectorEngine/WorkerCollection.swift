import VectorWAL

/// One collection of a worker, shaped like `Collection` so that code can
/// switch between an embedded engine and a worker process: the same calls,
/// each a request over the worker's socket.
public struct WorkerCollection: Sendable {
    public let name: String
    public let client: WorkerClient

    public init(name: String, client: WorkerClient) {
        self.name = name
        self.client = client
    }

    public func upsert(_ points: [Point]) throws(WorkerClientError) -> WALAcknowledgement {
        try client.upsert(points, into: name)
    }

    public func delete(_ ids: [UInt64]) throws(WorkerClientError) -> WALAcknowledgement {
        try client.delete(ids, from: name)
    }

    public func search(_ query: [Float], k: Int, ef: Int, tenant: UInt32? = nil) throws(WorkerClientError) -> [SearchHit] {
        try client.search(query, k: k, ef: ef, tenant: tenant, in: name)
    }

    public func get(_ id: UInt64) throws(WorkerClientError) -> (vector: [Float], version: UInt64)? {
        try client.get(id, in: name)
    }

    /// Live points.
    public var count: Int {
        get throws(WorkerClientError) { try client.count(of: name) }
    }

    public func statistics(includeResidency: Bool = false) throws(WorkerClientError) -> CollectionStatistics {
        try client.statistics(of: name, includeResidency: includeResidency)
    }
}
