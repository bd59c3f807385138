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
