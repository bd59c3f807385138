import VectorCore
import VectorIndex

/// Where new writes land: points appended in arrival order and searched
/// exactly (a scan is faster than a graph at these sizes, and always
/// correct). Sealed into an HNSW segment once it reaches the collection's
/// indexing threshold; deletes of points in sealed segments are kept here as
/// tombstones so the seal persists them.
///
/// Not synchronised itself: its collection mutates it only under the write
/// lock and reads it under the read lock (hence `@unchecked Sendable`).
final class AppendableSegment: @unchecked Sendable {
    let number: UInt64
    let dimension: Int
    let metric: Metric
    private(set) var ids: [UInt64] = []
    private(set) var versions: [UInt64] = []
    private(set) var tenants: [UInt32] = []
    /// Row-major; normalised for cosine.
    private(set) var vectors: [Float] = []
    private(set) var deleted = DeletionBits(count: 0)
    /// Deletes applied while this segment was the appendable one.
    private(set) var tombstones: [(id: UInt64, version: UInt64)] = []
    /// Lowest and highest LSN applied here (nil while empty): the WAL may
    /// only drop records below the lowest once a seal covered them.
    private(set) var lowestLSN: UInt64?
    private(set) var highestLSN: UInt64 = 0

    init(number: UInt64, dimension: Int, metric: Metric) {
        self.number = number
        self.dimension = dimension
        self.metric = metric
    }

    var count: Int { ids.count }
    var liveCount: Int { ids.count - deleted.setCount }
    var isEmpty: Bool { ids.isEmpty && tombstones.isEmpty }

    /// Appends a point; returns its position.
    func append(_ point: Point, version: UInt64) -> Int32 {
        let position = Int32(ids.count)
        ids.append(point.id)
        versions.append(version)
        tenants.append(point.tenant ?? Point.noTenant)
        if metric.normalizesVectors {
            vectors.append(contentsOf: Distance.normalized(point.vector))
        } else {
            vectors.append(contentsOf: point.vector)
        }
        deleted.grow(to: ids.count)
        note(version)
        return position
    }

    func recordTombstone(id: UInt64, version: UInt64) {
        tombstones.append((id, version))
        note(version)
    }

    func markDeleted(_ position: Int32) { deleted.insert(Int(position)) }

    private func note(_ version: UInt64) {
        lowestLSN = min(lowestLSN ?? version, version)
        highestLSN = max(highestLSN, version)
    }

    /// The lowest LSN among positions from `start` on (and the tombstones,
    /// if `tombstones`): what a partly sealed frozen segment still needs
    /// from the WAL. nil if nothing is left.
    func lowestLSN(from start: Int, tombstones: Bool) -> UInt64? {
        var lowest = start < versions.count ? versions[start...].min() : nil
        if tombstones, let oldest = self.tombstones.map(\.version).min() { lowest = min(lowest ?? oldest, oldest) }
        return lowest
    }

    /// Where the rows are (nil while empty), for a memory model.
    var rowRange: Range<UInt>? {
        vectors.withUnsafeBufferPointer { rows in
            guard let base = rows.baseAddress, !rows.isEmpty else { return nil }
            let start = UInt(bitPattern: base)
            return start..<(start + UInt(rows.count * MemoryLayout<Float>.stride))
        }
    }

    func vector(at position: Int32) -> [Float] {
        Array(vectors[Int(position) * dimension..<(Int(position) + 1) * dimension])
    }

    /// The k nearest live points (of `tenant` when given) to a query that is
    /// already normalised for cosine.
    func search(_ query: UnsafeBufferPointer<Float>, k: Int, tenant: UInt32?) -> [SearchHit] {
        search(query, k: k, tenant: tenant, accesses: UnsafeMutablePointer<NoSegmentAccesses>?.none)
    }

    /// The same, reporting each row it reads to `accesses` when given.
    func search<Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, tenant: UInt32?, accesses: UnsafeMutablePointer<Accesses>?
    ) -> [SearchHit] {
        guard !ids.isEmpty, k > 0 else { return [] }
        var best = TopK(k: k)
        vectors.withUnsafeBufferPointer { rows in
            let q = query.baseAddress!
            for position in 0..<ids.count where !deleted.contains(position) {
                if let tenant, tenants[position] != tenant { continue }
                let row = rows.baseAddress! + position * dimension
                accesses?.pointee.access(address: UInt(bitPattern: row), bytes: dimension * MemoryLayout<Float>.stride,
                                         kind: .vector)
                let d = metric.distance(q, row, dimension)
                best.offer(SearchHit(id: ids[position], distance: d, version: versions[position]))
            }
        }
        return best.sorted()
    }
}
