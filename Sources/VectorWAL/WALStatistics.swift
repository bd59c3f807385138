import Histogram

/// A snapshot of a WAL's counters (`WriteAheadLog.statistics()`), cheap to
/// take at any time: scalar counters are atomics, the two histograms are
/// copied under a small lock that no I/O ever holds.
public struct WALStatistics: Codable, Sendable {
    public var directory: String
    public var syncPolicy: String
    /// Records appended and acknowledged or pending (not counting recovery).
    public var recordsAppended: UInt64
    /// Append calls (a batch is one).
    public var appendCalls: UInt64
    /// On-disk bytes appended (framing and padding included).
    public var bytesAppended: UInt64
    public var payloadBytesAppended: UInt64
    /// fdatasync calls on segment data: group commits, naive appends,
    /// interval flushes, seals and the final sync on close.
    public var fsyncCount: UInt64
    /// Nanoseconds per fdatasync.
    public var fsyncLatency: Histogram<UInt64>
    /// Append calls released by each fdatasync (the group-commit group
    /// size; 1 for every naive append, 0 for a sync that released none).
    public var groupSizes: Histogram<UInt64>
    /// Segment files present (sealed plus the open one).
    public var segmentCount: Int
    /// The oldest LSN still in the log (after truncation), or the next LSN
    /// when the log holds none.
    public var oldestLSN: UInt64
    /// The last LSN assigned (0 when none ever was).
    public var lastLSN: UInt64
    /// Every record up to this LSN has been fdatasynced.
    public var durableLSN: UInt64
    /// Segments sealed (rolled over) since open.
    public var segmentsSealed: UInt64
    /// Segments removed by truncation since open.
    public var segmentsTruncated: UInt64
    /// The error that made the log read-only, if one did.
    public var failure: String?

    /// Mean append calls per fdatasync.
    public var meanGroupSize: Double { groupSizes.totalCount == 0 ? 0 : groupSizes.mean }

    /// Nanoseconds, at a percentile (0...100), of fdatasync.
    public func fsyncLatencyNanoseconds(atPercentile percentile: Double) -> UInt64 {
        fsyncLatency.totalCount == 0 ? 0 : fsyncLatency.valueAtPercentile(percentile)
    }
}
