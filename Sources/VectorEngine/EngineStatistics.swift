import VectorWAL

/// Engine-wide state: the catalog, what is open, the seal scheduler and the
/// shared WAL (when there is one).
public struct EngineStatistics: Codable, Sendable {
    public var collections: Int
    public var openCollections: Int
    public var evictions: Int
    public var seals: SealSchedulerStatistics
    public var sharedWAL: WALStatistics?
    /// Names of the open collections, so a reader over the worker protocol
    /// can ask for their statistics alone: asking for a closed one opens
    /// it. nil from engines that predate it.
    public var openCollectionNames: [String]? = nil
    /// Every per-collection WAL since the engine opened, summed as it
    /// happened: open ones and those closed since (evicted by the
    /// open-collection bound, closed idle, dropped), so every total only
    /// grows. nil with a shared WAL (that is `sharedWAL`), and from engines
    /// that predate it: then only the open collections' WALs can be summed.
    public var collectionWALs: WALAggregateStatistics? = nil
    /// With the `interval` sync policy: the process's interval flushes and
    /// how late they started (the interval a log really gets is its own
    /// plus that lag). nil under other policies and from older engines.
    public var intervalFlusher: WALFlusherStatistics? = nil
}

extension Engine {
    public func statistics() -> EngineStatistics {
        let (collections, open, evictions) = state.withLock { ($0.catalog.count, Array($0.open.keys), $0.evictions) }
        var flusher: WALFlusherStatistics?
        if case .interval = configuration.wal.syncPolicy { flusher = WriteAheadLog.intervalFlusherStatistics() }
        return EngineStatistics(
            collections: collections, openCollections: open.count, evictions: evictions,
            seals: scheduler.statistics(), sharedWAL: sharedLog?.statistics(), openCollectionNames: open.sorted(),
            collectionWALs: sharedLog == nil ? collectionWALTotals.snapshot() : nil,
            intervalFlusher: flusher)
    }

    /// Statistics of every open collection.
    public func collectionStatistics(includeResidency: Bool = false) -> [CollectionStatistics] {
        let open = state.withLock { Array($0.open.values) }
        return open.map { $0.statistics(includeResidency: includeResidency) }.sorted { $0.name < $1.name }
    }
}
