/// Counters summed over many logs as they happen. Every log opened with it
/// (`WriteAheadLog.open(directory:configuration:aggregate:)`) records each
/// append and fdatasync here as well as in its own statistics, and a log
/// that closes leaves its counts behind.
///
/// Why not sum the logs' own statistics when asked: an engine that closes
/// collections to bound how many are open (a collection per tenant) would
/// then drop a log's whole history the moment it closed, and a total taken
/// later could be smaller than one taken earlier. Summing the open logs
/// plus a tally of closed ones would not fix that either: those are two
/// reads, and a log closing between them counts twice or not at all. Here
/// every total only grows, and reading it is one snapshot.
public final class WALStatisticsAggregate: Sendable {
    let records = AtomicCounter()
    let appendCalls = AtomicCounter()
    let bytes = AtomicCounter()
    let payloadBytes = AtomicCounter()
    let syncs = AtomicCounter()
    let opened = AtomicCounter()
    let closed = AtomicCounter()
    private let histograms = HistogramPair()

    public init() {}

    func recordAppend(records: Int, bytes: Int, payloadBytes: Int) {
        self.records.add(UInt64(records))
        appendCalls.add(1)
        self.bytes.add(UInt64(bytes))
        self.payloadBytes.add(UInt64(payloadBytes))
    }

    func recordSync(nanoseconds: UInt64, groupSize: UInt64) {
        syncs.add(1)
        histograms.record(nanoseconds: nanoseconds, groupSize: groupSize)
    }

    /// The totals so far. Fields are read one after another, so a sync
    /// running meanwhile may show in `fsyncCount` and not yet in the
    /// histograms (or the reverse); each field on its own never decreases.
    public func snapshot() -> WALAggregateStatistics {
        let (latency, groups, _) = histograms.copy()
        return WALAggregateStatistics(
            logsOpened: opened.load(), logsClosed: closed.load(), recordsAppended: records.load(),
            appendCalls: appendCalls.load(), bytesAppended: bytes.load(), payloadBytesAppended: payloadBytes.load(),
            fsyncCount: syncs.load(), fsyncLatency: latency, groupSizes: groups)
    }
}
