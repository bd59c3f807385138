/// A sealed segment: its file, and the LSN range it must hold.
struct WALSealedSegment: Sendable {
    var path: String
    var header: WALSegmentHeader
    /// The LSN of its last record (the next segment's first LSN minus one).
    var lastLSN: UInt64
    var bytes: Int
}
