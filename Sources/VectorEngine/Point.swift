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
