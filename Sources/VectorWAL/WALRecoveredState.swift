/// What recovery hands to a new `WriteAheadLog`: the segments and where
/// appends continue.
struct WALRecoveredState {
    var sealed: [WALSealedSegment]
    var open: WALSegmentFile
    var writeOffset: Int
    var report: WALRecoveryReport
}
