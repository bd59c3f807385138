import BenchModel
import Histogram

/// The engine's figures over one phase: the difference of two
/// `EngineSnapshot`s. Percentiles come from the phase's own histograms, so a
/// phase that fsynced or sealed shows its own p99, never the load's.
struct EngineDelta: Sendable {
    var fsyncs: Int
    var walBytes: Int
    var fsyncLatency: Histogram<UInt64>?
    var groupSizes: Histogram<UInt64>?
    var seals: Int
    var sealQueueWaits: Histogram<UInt64>?
    var sealDurations: Histogram<UInt64>?
    var sealedSegments: Int
    var mappedBytes: Int
    var residentBytes: Int?
    var hugePageBytes: Int?
    var openCollections: Int
    /// What the figures leave out, and why (empty when nothing).
    var incomplete: [String]
    /// Vectors held at the end of the phase, with their bytes (a level).
    var vectorBytes: VectorByteCount? = nil
    /// An external engine's own figures at the end of the span; nil for
    /// vecbench's engine.
    var adapterStatistics: [AdapterStatistic]? = nil

    /// The document's record of this delta.
    var summary: EngineSummary {
        let groups = groupSizes.flatMap { $0.totalCount > 0 ? $0 : nil }
        return EngineSummary(
            fsyncs: fsyncs, fsyncP99Milliseconds: fsyncLatency?.milliseconds(atPercentile: 99) ?? 0, walBytes: walBytes,
            meanGroupCommit: groups?.mean ?? 0, seals: seals,
            sealQueueWaitP99Milliseconds: sealQueueWaits?.milliseconds(atPercentile: 99) ?? 0,
            sealDurationP99Milliseconds: sealDurations?.milliseconds(atPercentile: 99) ?? 0,
            sealedSegments: sealedSegments, mappedBytes: mappedBytes, residentBytes: residentBytes,
            hugePageBytes: hugePageBytes, openCollections: openCollections,
            incomplete: incomplete.isEmpty ? nil : incomplete.joined(separator: "; "),
            vectors: vectorBytes?.vectors, vectorBytesInRAM: vectorBytes?.bytesInRAM, vectorBytesOnDisk: vectorBytes?.bytesOnDisk,
            adapterStatistics: adapterStatistics)
    }
}
