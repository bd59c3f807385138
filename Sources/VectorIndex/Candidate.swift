/// A node on a traversal's frontier or result list: ordered by distance
/// alone. Heaps compare it many times per step, and a tie-break on id would
/// double that cost for nothing — results are sorted by (distance, id) once,
/// at the end, as `Neighbor`s.
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
