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
            sealed.append(try SealedSegmentFile.open(directory: path, storage: configuration.storage, advice: configuration.advice,
                                                     hugePages: configuration.hugePages ?? .system))
        }
        sealed.sort { $0.number < $1.number }
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

    /// Applies one WAL record during recovery. Records already reflected in
    /// sealed segments change nothing (their versions are not newer).
    func replay(_ record: WALRecordView) throws(EngineError) {
        guard let decoded = WALPayload.decode(kind: record.kind, payload: record.payload) else {
            throw .corruptCollection(collection: name, reason: "WAL record at LSN \(record.lsn) (kind \(record.kind)) is not an engine record")
        }
        lock.withWriteLock {
            switch decoded {
            case .upsert(_, let points): applyUpsert(points, version: record.lsn)
            case .delete(_, let ids): applyDelete(ids, version: record.lsn)
            }
        }
    }

    /// Replays this collection's own WAL, then seals if recovery left the
    /// appendable segment past the threshold.
    func replayOwnLog() throws {
        try log.wal.forEachRecord(from: 0) { record in try replay(record) }
        scheduleSealIfNeeded()
    }

    /// Stops taking writes; waits for a seal in flight; closes an own WAL.
    func close() throws {
        lock.withWriteLock { isClosed = true }
        while lock.withReadLock({ sealInFlight }) { usleep(1_000) }
        if !log.isShared { try log.wal.close() }
    }
}
