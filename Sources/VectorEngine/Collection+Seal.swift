import Foundation
import VectorCore
import VectorIndex

extension Collection {
    /// Freezes the appendable segment and queues its seal once it holds
    /// `indexingThreshold` points — at most one seal per collection in
    /// flight; a frozen segment whose seal failed is retried first.
    func scheduleSealIfNeeded() {
        let target: AppendableSegment? = lock.withWriteLock {
            guard !sealInFlight, !isClosed, readOnlyCause == nil else { return nil }
            if let frozen { sealInFlight = true; return frozen }
            guard appendable.count >= configuration.indexingThreshold else { return nil }
            frozen = appendable
            appendable = AppendableSegment(number: takeSegmentNumber(), dimension: configuration.dimension, metric: configuration.metric)
            sealInFlight = true
            return frozen
        }
        guard let target else { return }
        scheduler.submit(collection: name) { [self] in seal(target) }
    }

    /// Builds, writes and installs a sealed segment from a frozen one.
    /// Runs on a scheduler thread; only the snapshot and the install take
    /// the lock, so searches and writes go on while graphs are built.
    func seal(_ source: AppendableSegment) {
        do {
            let contents = try lock.withReadLock { () throws -> (SealedSegmentFile.Contents, [Int32]) in
                try snapshot(source)
            }
            let directory = try SealedSegmentFile.write(contents.0, under: segmentsDirectory)
            let segment = try SealedSegmentFile.open(directory: directory, storage: configuration.storage, advice: configuration.advice)
            lock.withWriteLock { install(segment, replacing: source, from: contents.1) }
            counters.seals.add(1, ordering: .relaxed)
            log.sealed()
        } catch {
            counters.sealFailures.add(1, ordering: .relaxed)
            lock.withWriteLock {
                lastSealError = "\(error)"
                sealInFlight = false
            }
            return
        }
        scheduleSealIfNeeded()
    }

    /// The live points of a frozen segment, grouped into graphs (one per
    /// tenant when the collection keeps graphs per tenant). Returns the new
    /// segment's contents and, per new position, the frozen position.
    private func snapshot(_ source: AppendableSegment) throws -> (SealedSegmentFile.Contents, [Int32]) {
        var groupsByTenant: [UInt32: [Int32]] = [:]
        for position in 0..<source.count where !source.deleted.contains(position) {
            let tenant = configuration.graphPerTenant ? source.tenants[position] : Point.noTenant
            groupsByTenant[tenant, default: []].append(Int32(position))
        }
        let groupTenants = groupsByTenant.keys.sorted()
        var ids: [UInt64] = [], versions: [UInt64] = [], tenants: [UInt32] = [], origins: [Int32] = []
        var graphs: [HNSWIndex] = []
        for tenant in groupTenants {
            let members = groupsByTenant[tenant]!
            let graph = try HNSWIndex(dimension: configuration.dimension, metric: configuration.metric,
                                      parameters: configuration.hnsw, capacity: members.count)
            var rows = [Float]()
            rows.reserveCapacity(members.count * configuration.dimension)
            var labels = [UInt64]()
            labels.reserveCapacity(members.count)
            for origin in members {
                labels.append(UInt64(ids.count))
                ids.append(source.ids[Int(origin)])
                versions.append(source.versions[Int(origin)])
                tenants.append(source.tenants[Int(origin)])
                origins.append(origin)
                rows.append(contentsOf: source.vector(at: origin))
            }
            try rows.withUnsafeBufferPointer { r in
                try labels.withUnsafeBufferPointer { l in
                    try graph.build(rows: r.baseAddress!, count: members.count, ids: l, threads: configuration.sealBuildThreads)
                }
            }
            graphs.append(graph)
        }
        let contents = SealedSegmentFile.Contents(
            number: takeSegmentNumber(), coveredLSN: source.highestLSN, ids: ids, versions: versions,
            tenants: tenants, tombstones: source.tombstones, groupTenants: groupTenants, graphs: graphs)
        return (contents, origins)
    }

    /// Swaps the frozen segment for the sealed one: points still current
    /// move to their new positions, points superseded meanwhile are marked.
    /// Caller holds the write lock.
    private func install(_ segment: SealedSegment, replacing source: AppendableSegment, from origins: [Int32]) {
        for position in 0..<segment.count {
            let id = segment.ids[position], version = segment.versions[position]
            if locations[id] == .live(segment: source.number, position: origins[position], version: version) {
                locations[id] = .live(segment: segment.number, position: Int32(position), version: version)
            } else {
                segment.deleted.insert(position)
            }
        }
        sealed.append(segment)
        if frozen === source { frozen = nil }
        sealInFlight = false
        lastSealError = nil
    }

    /// The LSN below which this collection needs nothing from the WAL any
    /// more: everything lower is in sealed segments. Unsealed segments and
    /// writers between their WAL append and their apply hold it down.
    func truncationFloor() -> UInt64 {
        let pending = pendingWrites.withLock { $0.keys.min() }
        return lock.withReadLock {
            var floor = log.wal.lastLSN + 1
            if let lowest = appendable.lowestLSN { floor = min(floor, lowest) }
            if let lowest = frozen?.lowestLSN { floor = min(floor, lowest) }
            if let pending { floor = min(floor, pending) }
            return floor
        }
    }
}
