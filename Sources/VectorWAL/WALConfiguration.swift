/// How a `WriteAheadLog` writes. The directory is passed to `open` apart from
/// this, so one configuration can serve every collection of an engine.
public struct WALConfiguration: Sendable, Hashable {
    public var syncPolicy: WALSyncPolicy
    /// A segment is sealed and a new one started when the next batch would
    /// take the open segment past this size. A batch never spans segments, so
    /// a segment holding one batch larger than this grows past it.
    public var segmentBytes: Int
    /// Reserve `segmentBytes` with fallocate when a segment is created, so
    /// appends do not extend the file (file systems without fallocate are
    /// written anyway).
    public var preallocate: Bool
    /// The largest payload one record may carry; larger appends fail with
    /// `WALError.recordTooLarge` and leave the log untouched.
    public var maximumPayloadBytes: Int
    /// What opening the log may drop when the open segment does not end
    /// cleanly (a torn tail, a corrupt record); see `WALRecoveryPolicy`.
    public var recoveryPolicy: WALRecoveryPolicy

    public init(
        syncPolicy: WALSyncPolicy = .always, segmentBytes: Int = 64 << 20, preallocate: Bool = true,
        maximumPayloadBytes: Int = 64 << 20, recoveryPolicy: WALRecoveryPolicy = .tolerateTail
    ) {
        precondition(segmentBytes >= WALSegmentHeader.byteCount + 64, "segmentBytes \(segmentBytes) is too small")
        precondition(maximumPayloadBytes > 0 && maximumPayloadBytes <= WALRecord.payloadLimit,
                     "maximumPayloadBytes must be in 1...\(WALRecord.payloadLimit)")
        self.syncPolicy = syncPolicy
        self.segmentBytes = segmentBytes
        self.preallocate = preallocate
        self.maximumPayloadBytes = maximumPayloadBytes
        self.recoveryPolicy = recoveryPolicy
    }
}
