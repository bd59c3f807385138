import VectorWAL

/// A collection's state and counters, cheap to read at any time (resident
/// bytes of mappings only when asked: that reads /proc/self/smaps).
public struct CollectionStatistics: Codable, Sendable {
    public var name: String
    public var livePoints: Int
    public var appendablePoints: Int
    public var sealingPoints: Int
    public var sealedSegments: Int
    public var sealedPoints: Int
    public var seals: Int
    public var sealFailures: Int
    public var lastSealError: String?
    public var upserts: Int
    public var pointsUpserted: Int
    public var deletes: Int
    public var searches: Int
    /// Bytes of sealed-segment graph files (mapped address space when mmap).
    public var mappedBytes: Int
    public var residentBytes: Int?
    public var hugePageBytes: Int?
    public var readOnlyCause: String?
    /// The collection's own WAL (nil when the engine's WAL is shared).
    public var wal: WALStatistics?
}

extension Collection {
    public func statistics(includeResidency: Bool = false) -> CollectionStatistics {
        var result = lock.withReadLock {
            CollectionStatistics(
                name: name,
                livePoints: appendable.liveCount + (frozen?.liveCount ?? 0) + sealed.reduce(0) { $0 + $1.liveCount },
                appendablePoints: appendable.liveCount, sealingPoints: frozen?.liveCount ?? 0,
                sealedSegments: sealed.count, sealedPoints: sealed.reduce(0) { $0 + $1.liveCount },
                seals: counters.seals.load(ordering: .relaxed), sealFailures: counters.sealFailures.load(ordering: .relaxed),
                lastSealError: lastSealError, upserts: counters.upserts.load(ordering: .relaxed),
                pointsUpserted: counters.pointsUpserted.load(ordering: .relaxed),
                deletes: counters.deletes.load(ordering: .relaxed), searches: counters.searches.load(ordering: .relaxed),
                mappedBytes: sealed.reduce(0) { $0 + $1.fileBytes }, residentBytes: nil, hugePageBytes: nil,
                readOnlyCause: readOnlyCause, wal: nil)
        }
        if !log.isShared { result.wal = log.wal.statistics() }
        if includeResidency {
            let files = lock.withReadLock { sealed.flatMap(\.graphFiles) }
            var resident = 0, huge = 0
            for file in files {
                if let residency = try? file.file.mapping?.residency() {
                    resident += residency.residentBytes
                    huge += residency.hugePageBytes
                }
            }
            result.residentBytes = resident
            result.hugePageBytes = huge
        }
        return result
    }
}
