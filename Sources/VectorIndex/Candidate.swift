/// A node with its distance, as the neighbour heuristic sorts and prunes
/// them: ordered by distance alone (results are sorted by (distance, id)
/// once, at the end, as `Neighbor`s).
struct Candidate: Comparable {
    var distance: Float
    var id: UInt32

    @inline(__always)
    init(distance: Float, id: UInt32) {
        self.distance = distance
        self.id = id
    }

    @inline(__always)
    static func < (lhs: Candidate, rhs: Candidate) -> Bool { lhs.distance < rhs.distance }

    @inline(__always)
    static func == (lhs: Candidate, rhs: Candidate) -> Bool { lhs.distance == rhs.distance && lhs.id == rhs.id }
}
