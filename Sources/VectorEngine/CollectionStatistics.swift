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
    /// Vectors stored and the bytes they take in RAM and on disk (segment
    /// footprints plus the appendable rows in RAM); nil from an engine built
    /// before it was counted.
    public var vectors: Int?
    public var vectorBytesInRAM: Int?
    public var vectorBytesOnDisk: Int?
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
        let footprint = vectorFootprint()
        result.vectors = footprint.vectors
        result.vectorBytesInRAM = footprint.bytesInRAM
        result.vectorBytesOnDisk = footprint.bytesOnDisk
        if !log.isShared { result.wal = log.wal.statistics() }
        if includeResidency {
            let files = lock.withReadLock { sealed.flatMap(\.mappedFiles) }
            var resident = 0, huge = 0
            for file in files {
                if let residency = try? file.mapping?.residency() {
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

extension Collection {
    /// Every segment's footprint, plus the unsealed rows: f32 and the
    /// per-point tables in RAM, on disk only in the WAL (not counted here).
    func vectorFootprint() -> SegmentFootprint {
        lock.withReadLock {
            var total = sealed.reduce(SegmentFootprint()) { $0 + $1.footprint }
            for segment in [appendable, frozen].compactMap({ $0 }) {
                total.vectors += segment.count
                total.bytesInRAM += segment.count * (configuration.dimension * 4 + 8 + 8 + 4)
            }
            return total
        }
    }
}
