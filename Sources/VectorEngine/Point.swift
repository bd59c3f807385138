/// One point of a collection: an external id, its vector and an optional
/// tenant tag (used by a shared collection to keep a graph per tenant).
public struct Point: Sendable, Equatable {
    public var id: UInt64
    public var vector: [Float]
    public var tenant: UInt32?

    public init(id: UInt64, vector: [Float], tenant: UInt32? = nil) {
        self.id = id
        self.vector = vector
        self.tenant = tenant
    }
}

/// A search hit from a collection: id, distance, and the LSN of the write
/// that produced the stored vector.
public struct SearchHit: Sendable, Equatable {
    public var id: UInt64
    public var distance: Float
    public var version: UInt64

    public init(id: UInt64, distance: Float, version: UInt64) {
        self.id = id
        self.distance = distance
        self.version = version
    }
}
