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

    /// Builds, writes and installs the next piece of a frozen segment as a
    /// sealed segment. Runs on a scheduler thread; only copying the points
    /// and the install take the lock, so searches and writes go on while
    /// graphs are built and written.
    ///
    /// A frozen segment is sealed in pieces of at most `indexingThreshold`
    /// positions, oldest first (the first piece also carries every
    /// tombstone); each finished piece moves its points out of the frozen
    /// segment and lets the WAL be truncated past them. Why: after a crash
    /// the whole unsealed backlog is replayed into one appendable segment;
    /// sealed as one piece, a long backlog may take longer than the next
    /// crash leaves it, and no restart would ever finish a seal (the WAL
    /// would only grow). A piece is bounded, so every piece that completes
    /// is progress a kill cannot take back. The WAL then holds the records
    /// from the lowest unsealed LSN on (see `truncationFloor`): the records
    /// of points not yet sealed, plus the rest of the WAL segment the oldest
    /// of them lies in, plus the open segment's preallocation — at most the
    /// unsealed records' bytes plus two WAL `segmentBytes`.
    func seal(_ source: AppendableSegment) {
        do {
            // Copy under the lock (cheap), build the graphs outside it: a
            // graph build can take seconds, and a writer waiting on the lock
            // would hold every search of the collection behind it.
            let (points, piece) = lock.withReadLock { () -> (FrozenPoints, Range<Int>) in
                let start = frozen === source ? frozenSealedPositions : 0
                let piece = start..<min(source.count, start + configuration.indexingThreshold)
                return (FrozenPoints(source, positions: piece, tombstones: start == 0, graphPerTenant: configuration.graphPerTenant), piece)
            }
            let contents = try build(points)
            let directory = try SealedSegmentFile.write(contents.0, under: segmentsDirectory)
            let segment = try SealedSegmentFile.open(directory: directory, configuration: configuration)
            lock.withWriteLock { install(segment, replacing: source, piece: piece, from: contents.1) }
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

    /// The live points of a frozen segment, copied out so the graphs can be
    /// built without holding the collection's lock.
    struct FrozenPoints {
        /// Per graph (one, or one per tenant tag): frozen positions, in order.
        var groups: [(tenant: UInt32, positions: [Int32])] = []
        var ids: [UInt64] = []
        var versions: [UInt64] = []
        var tenants: [UInt32] = []
        /// Row-major vectors of `positions`, per group, concatenated.
        var rows: [[Float]] = []
        var tombstones: [(id: UInt64, version: UInt64)]
        var highestLSN: UInt64

        init(_ source: AppendableSegment, positions piece: Range<Int>, tombstones withTombstones: Bool, graphPerTenant: Bool) {
            var byTenant: [UInt32: [Int32]] = [:]
            for position in piece where !source.deleted.contains(position) {
                byTenant[graphPerTenant ? source.tenants[position] : Point.noTenant, default: []].append(Int32(position))
            }
            for tenant in byTenant.keys.sorted() {
                let positions = byTenant[tenant]!
                var rows = [Float]()
                rows.reserveCapacity(positions.count * source.dimension)
                for position in positions {
                    ids.append(source.ids[Int(position)])
                    versions.append(source.versions[Int(position)])
                    tenants.append(source.tenants[Int(position)])
                    rows.append(contentsOf: source.vector(at: position))
                }
                groups.append((tenant, positions))
                self.rows.append(rows)
            }
            tombstones = withTombstones ? source.tombstones : []
            highestLSN = max(versions.max() ?? 0, tombstones.map(\.version).max() ?? 0)
        }
    }

    /// Builds a sealed segment's graphs (labels are new positions) from
    /// copied points. Returns the contents and, per new position, the frozen
    /// position it came from.
    private func build(_ points: FrozenPoints) throws -> (SealedSegmentFile.Contents, [Int32]) {
        var graphs: [HNSWIndex] = []
        var origins: [Int32] = []
        var nextPosition = 0
        for (group, members) in points.groups.enumerated() {
            let count = members.positions.count
            let graph = try HNSWIndex(dimension: configuration.dimension, metric: configuration.metric,
                                      parameters: configuration.hnsw, capacity: count,
                                      hugePages: configuration.hugePages ?? .system)
            let labels = (nextPosition..<nextPosition + count).map(UInt64.init)
            try points.rows[group].withUnsafeBufferPointer { r in
                try labels.withUnsafeBufferPointer { l in
                    try graph.build(rows: r.baseAddress!, count: count, ids: l, threads: configuration.sealBuildThreads)
                }
            }
            graphs.append(graph)
            origins.append(contentsOf: members.positions)
            nextPosition += count
        }
        let contents = SealedSegmentFile.Contents(
            number: takeSegmentNumber(), coveredLSN: points.highestLSN, ids: points.ids, versions: points.versions,
            tenants: points.tenants, tombstones: points.tombstones, groupTenants: points.groups.map(\.tenant), graphs: graphs,
            links: configuration.links ?? .plain, quantization: configuration.quantization)
        return (contents, origins)
    }

    /// Installs a sealed piece of the frozen segment: points still current
    /// move to their new positions (and leave the frozen segment, so it
    /// stops serving them), points superseded meanwhile are marked. Once the
    /// last piece is in, the frozen segment is gone. Caller holds the write lock.
    private func install(_ segment: SealedSegment, replacing source: AppendableSegment, piece: Range<Int>, from origins: [Int32]) {
        for position in 0..<segment.count {
            let id = segment.ids[position], version = segment.versions[position]
            if locations[id] == .live(segment: source.number, position: origins[position], version: version) {
                locations[id] = .live(segment: segment.number, position: Int32(position), version: version)
                source.markDeleted(origins[position])
            } else {
                segment.deleted.insert(position)
            }
        }
        sealed.append(segment)
        if frozen === source {
            frozenSealedPositions = piece.upperBound
            if piece.upperBound >= source.count {
                frozen = nil
                frozenSealedPositions = 0
            }
        }
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
            if let frozen, let lowest = frozen.lowestLSN(from: frozenSealedPositions, tombstones: frozenSealedPositions == 0) {
                floor = min(floor, lowest)
            }
            if let pending { floor = min(floor, pending) }
            return floor
        }
    }
}
