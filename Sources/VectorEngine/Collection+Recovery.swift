import Foundation
import VectorCore
import VectorWAL

extension Collection {
    /// Opens every sealed segment and rebuilds the location map from them:
    /// for each id the highest version wins, older copies get their deletion
    /// bit, tombstones keep deleted ids deleted. A `segment-*.tmp` directory
    /// is a seal that never finished; its points are still in the WAL.
    func loadSealedSegments() throws {
        let fileManager = FileManager.default
        for entry in try fileManager.contentsOfDirectory(atPath: segmentsDirectory).sorted() {
            let path = segmentsDirectory + "/" + entry
            if entry.hasSuffix(".tmp") {
                try fileManager.removeItem(atPath: path)
                continue
            }
            guard entry.hasPrefix("segment-") else { continue }
            sealed.append(try SealedSegmentFile.open(directory: path, configuration: configuration))
        }
        sealed.sort { $0.number < $1.number }
        for segment in sealed {
            if let graph = segment.graphs.first, graph.dimension != configuration.dimension {
                throw EngineError.corruptCollection(collection: name, reason:
                    "\(segment.directory) holds vectors of dimension \(graph.dimension), but the collection's dimension is "
                    + "\(configuration.dimension) (\(directory)/collection.json)")
            }
        }
        nextSegmentNumber.store((sealed.last?.number ?? 0) + 1, ordering: .relaxed)
        for segment in sealed {
            for position in 0..<segment.count {
                let id = segment.ids[position], version = segment.versions[position]
                if let current = locations[id] {
                    if current.version >= version { segment.deleted.insert(position); continue }
                    markDeleted(current)
                }
                locations[id] = .live(segment: segment.number, position: Int32(position), version: version)
            }
            for tombstone in segment.tombstones {
                if let current = locations[tombstone.id] {
                    if current.version >= tombstone.version { continue }
                    markDeleted(current)
                }
                locations[tombstone.id] = .deleted(version: tombstone.version)
            }
        }
    }

    /// The highest LSN the sealed segments store (as a version or the LSN
    /// they cover): the WAL must continue above it.
    var highestSealedLSN: UInt64 {
        lock.withReadLock {
            sealed.reduce(0) { highest, segment in
                max(highest, segment.coveredLSN, segment.versions.max() ?? 0, segment.tombstones.map(\.version).max() ?? 0)
            }
        }
    }

    /// Applies one WAL record during recovery. Records already reflected in
    /// sealed segments change nothing (their versions are not newer). A
    /// record that is not this collection's — another collection number in
    /// its own log, or vectors of another dimension — is refused with the
    /// segment path, byte offset and LSN: replaying it would store wrong
    /// vectors (a log left behind by an earlier collection of the same name).
    func replay(_ record: WALRecordView) throws(EngineError) {
        let place = "WAL record LSN \(record.lsn) at \(record.segmentPath) byte \(record.offset)"
        guard let decoded = WALPayload.decode(kind: record.kind, payload: record.payload) else {
            throw .corruptCollection(collection: name, reason: "\(place) (kind \(record.kind)) is not an engine record")
        }
        let owner: UInt32
        switch decoded {
        case .upsert(let collection, let points):
            owner = collection
            if let point = points.first(where: { $0.vector.count != configuration.dimension }) {
                throw .corruptCollection(collection: name, reason:
                    "\(place) holds vectors of dimension \(point.vector.count), but the collection's dimension is "
                    + "\(configuration.dimension) (\(directory)/collection.json); refusing to replay it")
            }
        case .delete(let collection, _):
            owner = collection
        }
        if !log.isShared, owner != number {
            throw .corruptCollection(collection: name, reason:
                "\(place) belongs to collection number \(owner), but \(directory)/collection.json says \(number); refusing to replay it")
        }
        lock.withWriteLock {
            switch decoded {
            case .upsert(_, let points): applyUpsert(points, version: record.lsn)
            case .delete(_, let ids): applyDelete(ids, version: record.lsn)
            }
        }
    }

    /// Replays this collection's own WAL. The caller then seals what
    /// recovery left past the threshold (in pieces: see `seal`), once the
    /// collection is registered, so the first piece's seal can truncate the log.
    func replayOwnLog() throws {
        try log.wal.forEachRecord(from: 0) { record in try replay(record) }
    }

    /// Stops taking writes; waits for a seal in flight; closes an own WAL.
    func close() throws {
        lock.withWriteLock { isClosed = true }
        while lock.withReadLock({ sealInFlight }) { usleep(1_000) }
        if !log.isShared { try log.wal.close() }
    }
}
