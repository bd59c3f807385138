/// The live counters behind `WALStatistics`.
final class WALStatisticsRecorder: Sendable {
    let records = AtomicCounter()
    let appendCalls = AtomicCounter()
    let bytes = AtomicCounter()
    let payloadBytes = AtomicCounter()
    let syncs = AtomicCounter()
    let sealed = AtomicCounter()
    let truncated = AtomicCounter()
    let segmentCount = AtomicCounter()
    let oldestLSN = AtomicCounter()
    let lastLSN = AtomicCounter()
    let durableLSN = AtomicCounter()
    private let histograms = HistogramPair()
    /// Where the same appends and syncs are summed with other logs' (an
    /// engine's per-collection WALs), if anywhere.
    let aggregate: WALStatisticsAggregate?

    init(aggregate: WALStatisticsAggregate? = nil) {
        self.aggregate = aggregate
    }

    func recordAppend(records: Int, bytes: Int, payloadBytes: Int, lastLSN: UInt64) {
        self.records.add(UInt64(records))
        appendCalls.add(1)
        self.bytes.add(UInt64(bytes))
        self.payloadBytes.add(UInt64(payloadBytes))
        self.lastLSN.store(lastLSN)
        aggregate?.recordAppend(records: records, bytes: bytes, payloadBytes: payloadBytes)
    }

    func recordSync(nanoseconds: UInt64, groupSize: UInt64, durableLSN: UInt64) {
        syncs.add(1)
        self.durableLSN.store(durableLSN)
        histograms.record(nanoseconds: nanoseconds, groupSize: groupSize)
        aggregate?.recordSync(nanoseconds: nanoseconds, groupSize: groupSize)
    }

    func recordFailure(_ description: String) { histograms.setFailure(description) }

    func snapshot(directory: String, policy: WALSyncPolicy) -> WALStatistics {
        let (latency, groups, failure) = histograms.copy()
        return WALStatistics(
            directory: directory, syncPolicy: policy.description, recordsAppended: records.load(),
            appendCalls: appendCalls.load(), bytesAppended: bytes.load(), payloadBytesAppended: payloadBytes.load(),
            fsyncCount: syncs.load(), fsyncLatency: latency, groupSizes: groups,
            segmentCount: Int(segmentCount.load()), oldestLSN: oldestLSN.load(), lastLSN: lastLSN.load(),
            durableLSN: durableLSN.load(), segmentsSealed: sealed.load(), segmentsTruncated: truncated.load(),
            failure: failure)
    }
}
