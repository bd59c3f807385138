import BenchModel
import Histogram
import VectorEngine
import VectorWAL

/// Cumulative engine figures at one instant, summed over every engine a
/// configuration runs (this process's, or each worker's): counters since the
/// engines opened and the histograms behind their percentiles, so that a
/// phase's figures are the difference of two snapshots (`delta(since:)`)
/// rather than percentiles over everything before it.
struct EngineSnapshot: Sendable {
    var fsyncs = 0
    var walBytes = 0
    /// Nanoseconds per fdatasync, over every WAL.
    var fsyncLatency: Histogram<UInt64>?
    /// Append calls released per fdatasync, over every WAL.
    var groupSizes: Histogram<UInt64>?
    var seals = 0
    /// Nanoseconds each seal waited for a slot, and ran, over every engine.
    var sealQueueWaits: Histogram<UInt64>?
    var sealDurations: Histogram<UInt64>?
    /// Collections closed to respect the open-collection limit.
    var evictions = 0
    /// Engines that gave no running WAL totals (`EngineStatistics.collectionWALs`,
    /// built before it existed), whose WAL figures are summed over the open
    /// collections alone: a collection closed during a phase takes its
    /// counts out of the end-of-phase sum.
    var withoutWALTotals = 0
    var sealedSegments = 0
    var mappedBytes = 0
    var residentBytes: Int?
    var hugePageBytes: Int?
    var openCollections = 0
    /// Vectors held and their bytes in RAM and on disk, at this instant.
    var vectorBytes: VectorByteCount? = VectorByteCount()
    /// Engines that could not be read (a worker that did not answer).
    var unreadable: [String] = []
    /// Engines whose statistics lacked the seal histograms (a worker built
    /// before they existed): their seal percentiles are not in the snapshot.
    var withoutSealHistograms = 0
    /// An external engine's own figures, summed over its adapters, and the
    /// vecbench figures it said it cannot give; nil for vecbench's engine.
    var adapter: WorkerAdapterStatistics?

    /// Adds one engine's figures (this process's, or a worker's): counters
    /// summed, histograms merged.
    mutating func add(_ engine: EngineStatistics, collections: [CollectionStatistics]) {
        if let totals = engine.collectionWALs {
            fsyncs += Int(totals.fsyncCount)
            walBytes += Int(totals.bytesAppended)
            Histogram.accumulate(totals.fsyncLatency, into: &fsyncLatency)
            Histogram.accumulate(totals.groupSizes, into: &groupSizes)
        } else {
            let own = collections.compactMap(\.wal)
            if !own.isEmpty { withoutWALTotals += 1 }
            addWALs(own)
        }
        if let shared = engine.sharedWAL { addWALs([shared]) }
        seals += engine.seals.completed
        if engine.seals.queueWaits == nil || engine.seals.sealDurations == nil { withoutSealHistograms += 1 }
        Histogram.accumulate(engine.seals.queueWaits, into: &sealQueueWaits)
        Histogram.accumulate(engine.seals.sealDurations, into: &sealDurations)
        evictions += engine.evictions
        sealedSegments += collections.reduce(0) { $0 + $1.sealedSegments }
        mappedBytes += collections.reduce(0) { $0 + $1.mappedBytes }
        openCollections += engine.openCollections
        vectorBytes = VectorByteCount.adding(collections, to: vectorBytes)
    }

    private mutating func addWALs(_ wals: [WALStatistics]) {
        for wal in wals {
            fsyncs += Int(wal.fsyncCount)
            walBytes += Int(wal.bytesAppended)
            Histogram.accumulate(wal.fsyncLatency, into: &fsyncLatency)
            Histogram.accumulate(wal.groupSizes, into: &groupSizes)
        }
    }

    /// What happened between `start` and this snapshot: counters and
    /// histograms differenced, levels (segments, bytes mapped, open
    /// collections) as they stand now.
    func delta(since start: EngineSnapshot) -> EngineDelta {
        var shrank = false
        func difference(_ end: Histogram<UInt64>?, _ begin: Histogram<UInt64>?) -> Histogram<UInt64>? {
            guard let end else { return nil }
            guard let begin else { return end }
            let (result, lost) = end.subtracting(begin)
            shrank = shrank || lost
            return result
        }
        var incomplete = Array(Set(unreadable + start.unreadable)).sorted().map { "not read: " + $0 }
        let fsyncLatency = difference(fsyncLatency, start.fsyncLatency)
        let groupSizes = difference(groupSizes, start.groupSizes)
        let closed = evictions - start.evictions
        if (closed > 0 && withoutWALTotals + start.withoutWALTotals > 0) || shrank {
            incomplete.append("\(max(closed, 0)) collection(s) closed during the phase: WAL figures count only collections open at its end")
        }
        if withoutSealHistograms + start.withoutSealHistograms > 0 {
            incomplete.append("some engines reported no seal histograms: seal percentiles cover only the others")
        }
        if let adapter { incomplete.append(Self.unavailableLine(adapter)) }
        return EngineDelta(
            fsyncs: fsyncs - start.fsyncs, walBytes: walBytes - start.walBytes,
            fsyncLatency: fsyncLatency, groupSizes: groupSizes,
            seals: seals - start.seals,
            sealQueueWaits: difference(sealQueueWaits, start.sealQueueWaits),
            sealDurations: difference(sealDurations, start.sealDurations),
            sealedSegments: sealedSegments, mappedBytes: mappedBytes, residentBytes: residentBytes,
            hugePageBytes: hugePageBytes, openCollections: openCollections, incomplete: incomplete,
            vectorBytes: vectorBytes, adapterStatistics: adapter.map(Self.adapterStatistics))
    }
}

extension EngineSnapshot {
    /// Adds one adapter's answer: figures of the same name summed (a count
    /// or a level over several adapter processes), the first engine name
    /// kept, what is unavailable merged.
    mutating func addAdapter(_ statistics: WorkerAdapterStatistics) {
        guard var total = adapter else {
            adapter = statistics
            return
        }
        total.figures.merge(statistics.figures, uniquingKeysWith: +)
        total.unavailable.merge(statistics.unavailable) { first, _ in first }
        adapter = total
    }

    /// The figures as the document keeps them, by name; a name ending in
    /// `_bytes` is in bytes, the others are counts.
    static func adapterStatistics(_ statistics: WorkerAdapterStatistics) -> [AdapterStatistic] {
        statistics.figures.keys.sorted().map { name in
            AdapterStatistic(name: name, value: statistics.figures[name]!, unit: name.hasSuffix("_bytes") ? "bytes" : "")
        }
    }

    /// One line: which of vecbench's engine figures this engine cannot give
    /// (the WAL and seal cells of its summary are not measurements), and
    /// where to look instead.
    static func unavailableLine(_ statistics: WorkerAdapterStatistics) -> String {
        let names = statistics.unavailable.keys.sorted()
        let missing = names.isEmpty ? "fsyncs, WAL bytes, seals" : names.joined(separator: ", ")
        return "external engine \(statistics.engine): no vecbench engine statistics (\(missing) unavailable); "
            + "its own figures are listed apart, and the OS disk writes stand in for fsyncs"
    }
}
