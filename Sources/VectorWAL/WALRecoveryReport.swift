/// What `WriteAheadLog.open` found and did.
public struct WALRecoveryReport: Sendable, Hashable, Codable {
    /// Segment files found (or 1 for a new log).
    public var segments: Int
    /// The segment appends continue in.
    public var openSegmentPath: String
    /// Complete records in the open segment.
    public var openSegmentRecords: Int
    /// The oldest LSN in the log (the first segment's first LSN).
    public var oldestLSN: UInt64
    /// The LSN the next append gets.
    public var nextLSN: UInt64
    /// The torn tail that was cut off the open segment, if there was one.
    public var tornTail: WALTornTail?
    /// Temporary files of segments whose creation a crash interrupted, removed.
    public var removedTemporaryFiles: [String]
    /// True when the directory held no segment and a new log was started.
    public var createdNewLog: Bool
    /// The policy recovery ran with.
    public var policy: WALRecoveryPolicy = .tolerateTail
    /// LSN ranges the open segment's gap records consume: corrupt records
    /// skipped (now, or by an earlier `skip-corrupt` opening) and LSNs the
    /// log advanced past. Every record a policy ever skipped is listed here
    /// on every opening while its gap record is in the open segment.
    public var skipped: [WALSkippedRange] = []

    /// Skipped ranges of records that were corrupt (not LSN advances).
    public var corruptSkipped: [WALSkippedRange] { skipped.filter { $0.reason != .advanced } }
}
