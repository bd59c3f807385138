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
        return prepared.withUnsafeBufferPointer { q in
            lock.withReadLock {
                var best = TopK(k: k)
                for hit in appendable.search(q, k: k, tenant: tenant) { best.offer(hit) }
                if let frozen { for hit in frozen.search(q, k: k, tenant: tenant) { best.offer(hit) } }
                for segment in sealed {
                    for hit in segment.search(q, k: k, ef: ef, tenant: tenant, statistics: statistics) { best.offer(hit) }
                }
                return best.sorted()
            }
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
