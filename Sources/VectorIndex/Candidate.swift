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

    /// The order the neighbour heuristic considers candidates in: nearer
    /// first, and among equal distances the higher id (the later insert)
    /// first, as hnswlib's heuristic does. Equal distances are exact
    /// duplicates in practice; preferring the newest of them spreads links
    /// over a duplicate group instead of piling them on the few members a
    /// search reaches first (see `HNSWIndex.selectNeighbours`).
    @inline(__always)
    func goesBefore(_ other: Candidate) -> Bool {
        distance < other.distance || (distance == other.distance && id > other.id)
    }

    @inline(__always)
    static func < (lhs: Candidate, rhs: Candidate) -> Bool { lhs.distance < rhs.distance }

    @inline(__always)
    static func == (lhs: Candidate, rhs: Candidate) -> Bool { lhs.distance == rhs.distance && lhs.id == rhs.id }
}
