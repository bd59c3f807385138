import Foundation
import Synchronization
import VectorCore
import VectorIndex
import VectorStorage
import VectorWAL

/// A named set of points: one appendable segment taking writes, at most one
/// frozen segment being sealed, and the sealed HNSW segments. Every write
/// goes to the WAL first and is applied once acknowledged; a point's version
/// is the LSN of its last write, so applying (or replaying) a write twice, or
/// late, changes nothing.
///
/// Concurrency: searches share a read lock; applying a write, freezing and
/// installing a seal take the write lock. WAL appends happen outside the
/// lock, so concurrent writers share group commits.
public final class Collection: @unchecked Sendable {
    public let name: String
    /// Routes this collection's records in a shared WAL.
    public let number: UInt32
    public let configuration: CollectionConfiguration
    public let directory: String
    let log: CollectionLog
    let scheduler: SealScheduler

    let lock = ReadWriteLock()
    // Guarded by `lock`.
    var appendable: AppendableSegment
    var frozen: AppendableSegment?
    /// Positions of `frozen` below this are sealed already (see `seal`).
    var frozenSealedPositions = 0
    var sealed: [SealedSegment] = []
    var locations: [UInt64: PointLocation] = [:]
    var readOnlyCause: String?
    var sealInFlight = false
    var lastSealError: String?
    var isClosed = false

    /// Lower bounds of the LSNs writers are about to get (see `truncationFloor`).
    let pendingWrites = Mutex<[UInt64: Int]>([:])
    let nextSegmentNumber = Atomic<UInt64>(1)
    let counters = CollectionCounters()

    var segmentsDirectory: String { directory + "/segments" }

    /// What opening the collection's WAL found: torn tail, skipped ranges
    /// (with a shared WAL, the shared log's report).
    public var walRecovery: WALRecoveryReport { log.wal.recovery }

    init(name: String, number: UInt32, configuration: CollectionConfiguration, directory: String,
         log: CollectionLog, scheduler: SealScheduler) throws {
        self.name = name
        self.number = number
        self.configuration = configuration
        self.directory = directory
        self.log = log
        self.scheduler = scheduler
        appendable = AppendableSegment(number: 0, dimension: configuration.dimension, metric: configuration.metric)
        try FileManager.default.createDirectory(atPath: segmentsDirectory, withIntermediateDirectories: true)
        try loadSealedSegments()
        appendable = AppendableSegment(number: takeSegmentNumber(), dimension: configuration.dimension, metric: configuration.metric)
    }

    func takeSegmentNumber() -> UInt64 {
        nextSegmentNumber.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    // MARK: Writes

    /// Upserts a batch whole: validated first (nothing is logged if any
    /// point is bad), logged as one WAL record, then applied.
    public func upsert(_ points: [Point]) throws(EngineError) -> WALAcknowledgement {
        try validate(points)
        let payload = WALPayload.encodeUpsert(collection: number, points: points, dimension: configuration.dimension)
        let ack = try logged(kind: WALPayload.upsertKind, payload: payload) { version in
            self.applyUpsert(points, version: version)
        }
        counters.upserts.add(1, ordering: .relaxed)
        counters.pointsUpserted.add(points.count, ordering: .relaxed)
        scheduleSealIfNeeded()
        return ack
    }

    /// Deletes a batch of ids (absent ids are fine: the delete is recorded).
    public func delete(_ ids: [UInt64]) throws(EngineError) -> WALAcknowledgement {
        guard !ids.isEmpty else { throw .emptyBatch(collection: name) }
        guard ids.count <= configuration.maximumBatchSize else {
            throw .batchTooLarge(collection: name, count: ids.count, maximum: configuration.maximumBatchSize)
        }
        var seen: [UInt64: Int] = [:]
        for (position, id) in ids.enumerated() {
            if let first = seen.updateValue(position, forKey: id) {
                throw .duplicateID(collection: name, id: id, firstPosition: first, secondPosition: position)
            }
        }
        let payload = WALPayload.encodeDelete(collection: number, ids: ids)
        let ack = try logged(kind: WALPayload.deleteKind, payload: payload) { version in
            self.applyDelete(ids, version: version)
        }
        counters.deletes.add(1, ordering: .relaxed)
        return ack
    }

    /// Appends to the WAL outside the lock, then applies under it. A WAL
    /// failure makes the collection read-only: what was acknowledged stays,
    /// nothing more is accepted until it is reopened.
    private func logged(kind: UInt8, payload: [UInt8], apply: (UInt64) -> Void) throws(EngineError) -> WALAcknowledgement {
        let (closed, readOnly) = lock.withReadLock { (isClosed, readOnlyCause) }
        if closed { throw .closed(collection: name) }
        if let readOnly { throw .readOnly(collection: name, cause: readOnly) }
        let floor = log.wal.lastLSN + 1
        pendingWrites.withLock { $0[floor, default: 0] += 1 }
        defer {
            pendingWrites.withLock { pending in
                if pending[floor] == 1 { pending[floor] = nil } else { pending[floor]! -= 1 }
            }
        }
        let ack: WALAcknowledgement
        do {
            ack = try log.wal.append(kind: kind, payload: payload)
        } catch {
            // A record too large for the WAL is refused with the WAL's own
            // words (bytes and limit); only a failed write or sync makes the
            // collection read-only.
            if case .failed = error {
                lock.withWriteLock { if readOnlyCause == nil { readOnlyCause = error.description } }
            }
            throw .wal(collection: name, error)
        }
        lock.withWriteLock { apply(ack.lastLSN) }
        return ack
    }

    func validate(_ points: [Point]) throws(EngineError) {
        guard !points.isEmpty else { throw .emptyBatch(collection: name) }
        guard points.count <= configuration.maximumBatchSize else {
            throw .batchTooLarge(collection: name, count: points.count, maximum: configuration.maximumBatchSize)
        }
        var seen: [UInt64: Int] = [:]
        seen.reserveCapacity(points.count)
        for (position, point) in points.enumerated() {
            if let first = seen.updateValue(position, forKey: point.id) {
                throw .duplicateID(collection: name, id: point.id, firstPosition: first, secondPosition: position)
            }
            do { try VectorValidation.check(point.vector, dimension: configuration.dimension) } catch {
                throw .invalidVector(collection: name, position: position, id: point.id, error)
            }
            if point.tenant == Point.noTenant {
                throw .reservedTenant(collection: name, position: position, id: point.id)
            }
        }
    }

    /// Applies an acknowledged (or replayed) upsert. Caller holds the write lock.
    func applyUpsert(_ points: [Point], version: UInt64) {
        for point in points {
            if let current = locations[point.id], current.version >= version { continue }
            if let current = locations[point.id] { markDeleted(current) }
            let position = appendable.append(point, version: version)
            locations[point.id] = .live(segment: appendable.number, position: position, version: version)
        }
    }

    /// Applies an acknowledged (or replayed) delete. Caller holds the write lock.
    func applyDelete(_ ids: [UInt64], version: UInt64) {
        for id in ids {
            if let current = locations[id], current.version >= version { continue }
            if let current = locations[id] { markDeleted(current) }
            locations[id] = .deleted(version: version)
            appendable.recordTombstone(id: id, version: version)
        }
    }

    /// Sets the deletion bit of a superseded location. Caller holds the write lock.
    func markDeleted(_ location: PointLocation) {
        guard case .live(let segment, let position, _) = location else { return }
        if segment == appendable.number { appendable.markDeleted(position); return }
        if let frozen, segment == frozen.number { frozen.markDeleted(position); return }
        if let index = sealed.firstIndex(where: { $0.number == segment }) { sealed[index].deleted.insert(Int(position)) }
    }
}

/// Counters a collection keeps for its statistics, cheap to bump.
final class CollectionCounters: Sendable {
    let upserts = Atomic<Int>(0)
    let pointsUpserted = Atomic<Int>(0)
    let deletes = Atomic<Int>(0)
    let searches = Atomic<Int>(0)
    let seals = Atomic<Int>(0)
    let sealFailures = Atomic<Int>(0)
}
