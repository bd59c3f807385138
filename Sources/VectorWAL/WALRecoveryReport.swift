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

/// LSNs a gap record consumes: no record carries them.
public struct WALSkippedRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Corrupt records dropped by this opening (`skip-corrupt`).
        case corruptSkippedNow = "corrupt-skipped-now"
        /// Corrupt records an earlier `skip-corrupt` opening dropped.
        case corruptSkippedEarlier = "corrupt-skipped-earlier"
        /// LSNs the log advanced past (they were applied elsewhere, e.g. in
        /// sealed segments, when the log was lost).
        case advanced
    }

    public var lsns: ClosedRange<UInt64>
    public var path: String
    /// Byte offset of the gap record (where the skipped bytes began).
    public var offset: Int
    public var reason: Reason
    /// What was wrong with the bytes, for ranges skipped now.
    public var detail: String?

    public var description: String {
        var text = "LSN \(lsns.lowerBound)...\(lsns.upperBound) \(reason.rawValue) at \(path) byte \(offset)"
        if let detail { text += " (\(detail))" }
        return text
    }
}

/// A torn tail: the end of the open segment after its last complete batch
/// that did not form valid records (a write cut short by a crash, or garbage
/// in the preallocated space), with no valid record after it. It is zeroed
/// and fdatasynced before the log accepts appends; appends start at `offset`.
public struct WALTornTail: Sendable, Hashable, Codable {
    /// Byte offset where the log now ends.
    public var offset: Int
    /// Byte offset of the first invalid record (after `offset` when a batch
    /// was cut short: its complete records lie in between).
    public var damageOffset: Int
    /// Non-zero bytes from `offset` on that were zeroed.
    public var bytesZeroed: Int
    /// Valid records of a batch whose last record never made it, discarded
    /// so that half a batch is never replayed.
    public var discardedRecords: Int
    /// Why the bytes at `damageOffset` are not a record.
    public var reason: String
}

/// What `WriteAheadLog.truncate(upTo:)` removed.
public struct WALTruncation: Sendable, Hashable, Codable {
    public var segmentsRemoved: Int
    public var bytesRemoved: Int
    /// The oldest LSN left in the log.
    public var oldestLSN: UInt64
}
