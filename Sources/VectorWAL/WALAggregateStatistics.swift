import Histogram

/// A snapshot of a `WALStatisticsAggregate`: appends and fdatasyncs of every
/// log that recorded into it, open or closed since. Every counter only grows
/// from one snapshot to the next, so a phase's figures are the difference
/// of two snapshots.
public struct WALAggregateStatistics: Codable, Sendable, Equatable {
    /// Logs opened with the aggregate, and closed again.
    public var logsOpened: UInt64
    public var logsClosed: UInt64
    /// Summed as `WALStatistics` counts them, over every log.
    public var recordsAppended: UInt64
    public var appendCalls: UInt64
    public var bytesAppended: UInt64
    public var payloadBytesAppended: UInt64
    public var fsyncCount: UInt64
    /// Nanoseconds per fdatasync, and append calls released by each, over every log.
    public var fsyncLatency: Histogram<UInt64>
    public var groupSizes: Histogram<UInt64>
}
