/// Where the newest write of an id lives, and its version (the LSN of that
/// write). A delete leaves a tombstone with its version, so an older upsert
/// replayed or applied late cannot bring the point back.
enum PointLocation: Equatable {
    /// `segment` is a segment number of the collection (the appendable
    /// segment has its own number too); `position` indexes its points.
    case live(segment: UInt64, position: Int32, version: UInt64)
    case deleted(version: UInt64)

    var version: UInt64 {
        switch self {
        case .live(_, _, let version), .deleted(let version): return version
        }
    }
}
