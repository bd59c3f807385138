import Histogram

/// The interval flusher's record (`WALIntervalFlusher.statistics()`): how
/// many flushes ran and how late each started against its deadline. A log
/// configured with `interval: I` is synced at most I plus that lag after
/// a write; a lag that grows means the syncing threads cannot keep up.
public struct WALFlusherStatistics: Codable, Sendable {
    /// Threads that run the syncs.
    public var threads: Int
    /// Logs registered now.
    public var registeredLogs: Int
    /// Flushes run (a due log), and those that found something to sync.
    public var flushes: UInt64
    public var syncs: UInt64
    /// Nanoseconds from each flush's deadline to its start.
    public var lag: Histogram<UInt64>
    /// The largest lag so far, in nanoseconds.
    public var maximumLagNanoseconds: UInt64
}
