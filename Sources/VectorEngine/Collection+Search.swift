import VectorCore
import VectorIndex

extension Collection {
    /// The k nearest live points to `query` (of one tenant when given),
    /// merged over every segment. `ef` is the candidate list of the graph
    /// searches in sealed segments.
    public func search(
        _ query: [Float], k: Int, ef: Int, tenant: UInt32? = nil,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) throws(EngineError) -> [SearchHit] {
        var none = NoSegmentAccesses()
        return try search(query, k: k, ef: ef, tenant: tenant, statistics: statistics, recording: false, accesses: &none)
    }

    /// The same search, reporting every index access (vectors, links,
    /// visited marks, labels of every segment searched) to `accesses`, in
    /// program order: what a memory model replays. Slower; the plain
    /// overload records nothing.
    public func search<Accesses: MemoryAccessRecorder>(
        _ query: [Float], k: Int, ef: Int, tenant: UInt32? = nil,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil, accesses: inout Accesses
    ) throws(EngineError) -> [SearchHit] {
        try search(query, k: k, ef: ef, tenant: tenant, statistics: statistics, recording: true, accesses: &accesses)
    }

    private func search<Accesses: MemoryAccessRecorder>(
        _ query: [Float], k: Int, ef: Int, tenant: UInt32?,
        statistics: UnsafeMutablePointer<SearchStatistics>?, recording: Bool, accesses: inout Accesses
    ) throws(EngineError) -> [SearchHit] {
        guard query.count == configuration.dimension else {
            throw .wrongQueryDimension(collection: name, expected: configuration.dimension, actual: query.count)
        }
        if let bad = query.firstIndex(where: { !$0.isFinite }) {
            throw .invalidQuery(collection: name, reason: "query component \(bad) is \(query[bad])")
        }
        guard k >= 1 else { throw .invalidQuery(collection: name, reason: "k must be ≥ 1, got \(k)") }
        guard ef >= 1 else { throw .invalidQuery(collection: name, reason: "ef must be ≥ 1, got \(ef)") }
        let prepared = configuration.metric.normalizesVectors ? Distance.normalized(query) : query
        counters.searches.add(1, ordering: .relaxed)
        return withUnsafeMutablePointer(to: &accesses) { recorder in
            prepared.withUnsafeBufferPointer { q in
                lock.withReadLock {
                    var best = TopK(k: k)
                    let log: UnsafeMutablePointer<Accesses>? = recording ? recorder : nil
                    for hit in scan(appendable, q, k: k, tenant: tenant, statistics: statistics, log: log) { best.offer(hit) }
                    if let frozen {
                        for hit in scan(frozen, q, k: k, tenant: tenant, statistics: statistics, log: log) { best.offer(hit) }
                    }
                    for segment in sealed {
                        for hit in segment.search(q, k: k, ef: ef, tenant: tenant, statistics: statistics, accesses: log) {
                            best.offer(hit)
                        }
                    }
                    return best.sorted()
                }
            }
        }
    }

    /// The exact scan of an appendable (or frozen) segment, counted in
    /// `statistics` as the graph searches of sealed segments are: one
    /// segment search when the scan runs (the segment holds rows), and a
    /// distance evaluation, a visited node and the pages of every row it
    /// reads. Without this, a search whose points are all in the appendable
    /// segment reports nothing and drops out of the per-query denominator,
    /// so the costed sample would keep only the tenants big enough to have
    /// sealed segments.
    private func scan<Accesses: MemoryAccessRecorder>(
        _ segment: AppendableSegment, _ query: UnsafeBufferPointer<Float>, k: Int, tenant: UInt32?,
        statistics: UnsafeMutablePointer<SearchStatistics>?, log: UnsafeMutablePointer<Accesses>?
    ) -> [SearchHit] {
        guard let statistics, segment.count > 0 else { return segment.search(query, k: k, tenant: tenant, accesses: log) }
        var counter = ScanCostRecorder(forwardingTo: log)
        let hits = segment.search(query, k: k, tenant: tenant, accesses: &counter)
        counter.statistics.queries = 1
        statistics.pointee += counter.statistics
        return hits
    }

    /// Address ranges of the index arrays: the rows of the appendable (and
    /// frozen) segment, then the vectors and level-0 links of every sealed
    /// graph, in segment order — so a memory model can give them the page
    /// size their mappings have and a layout that does not depend on where
    /// they happen to be. Valid until the next write.
    public func indexArrayRanges() -> [(name: String, range: Range<UInt>)] {
        lock.withReadLock {
            var ranges = [appendable, frozen].compactMap { $0?.rowRange }.map { (name: "appendableRows", range: $0) }
            for segment in sealed {
                for graph in segment.graphs {
                    ranges += zip(["vectors", "level0Links"], graph.arrayRanges).map { (name: $0, range: $1) }
                }
            }
            return ranges
        }
    }

    /// The stored vector (normalised for cosine) and version of an id.
    public func get(_ id: UInt64) -> (vector: [Float], version: UInt64)? {
        lock.withReadLock {
            guard case .live(let segment, let position, let version) = locations[id] else { return nil }
            if segment == appendable.number { return (appendable.vector(at: position), version) }
            if let frozen, segment == frozen.number { return (frozen.vector(at: position), version) }
            guard let sealedSegment = sealed.first(where: { $0.number == segment }),
                  let vector = sealedSegment.vector(at: position) else { return nil }
            return (vector, version)
        }
    }

    /// Live points.
    public var count: Int {
        lock.withReadLock {
            appendable.liveCount + (frozen?.liveCount ?? 0) + sealed.reduce(0) { $0 + $1.liveCount }
        }
    }

    /// Every live id (for verification tools; not a hot path).
    public func liveIDs() -> [UInt64] {
        lock.withReadLock {
            locations.compactMap { id, location in
                if case .live = location { return id } else { return nil }
            }
        }
    }
}

/// The recorder of the plain search, which records nothing.
struct NoSegmentAccesses: MemoryAccessRecorder {
    @inline(__always) mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind) {}
}

/// Counts what an exact scan reads, as `PageSearchRecorder` does for a graph
/// search, and passes every access on to the caller's recorder (if any).
/// A scan reads its rows in ascending address order, so a page once left is
/// never read again: distinct pages are counted by remembering the last one.
struct ScanCostRecorder<Inner: MemoryAccessRecorder>: MemoryAccessRecorder {
    var statistics = SearchStatistics()
    private let inner: UnsafeMutablePointer<Inner>?
    private var last4K: UInt?
    private var last2M: UInt?

    init(forwardingTo inner: UnsafeMutablePointer<Inner>?) { self.inner = inner }

    @inline(__always)
    mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind) {
        inner?.pointee.access(address: address, bytes: bytes, kind: kind)
        guard kind == .vector, bytes > 0 else { return }
        statistics.distanceEvaluations &+= 1
        statistics.visitedNodes &+= 1
        let end = address &+ UInt(bytes) &- 1
        statistics.vectorPages4K &+= Self.fresh(from: address >> 12, to: end >> 12, last: &last4K)
        statistics.vectorPages2M &+= Self.fresh(from: address >> 21, to: end >> 21, last: &last2M)
    }

    /// Pages `first...final` not counted yet, given that none below `last` comes again.
    @inline(__always)
    private static func fresh(from first: UInt, to final: UInt, last: inout UInt?) -> Int {
        let start = last.map { max(first, $0 &+ 1) } ?? first
        last = max(last ?? final, final)
        return final >= start ? Int(final - start + 1) : 0
    }
}
