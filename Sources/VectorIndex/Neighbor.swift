/// One search hit: an internal id or an external id with its distance.
/// Ordered by distance, then id, so that ties break the same way everywhere.
public struct Neighbor<ID: Comparable & Sendable & Hashable>: Comparable, Sendable, Hashable {
    public var distance: Float
    public var id: ID

    @inlinable
    public init(distance: Float, id: ID) {
        self.distance = distance
        self.id = id
    }

    @inlinable
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.distance < rhs.distance || (lhs.distance == rhs.distance && lhs.id < rhs.id)
    }
}
