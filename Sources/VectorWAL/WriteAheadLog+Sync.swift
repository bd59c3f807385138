import VectorCore

extension WriteAheadLog {
    /// Group commit. Called with the lock held after this writer's record is
    /// written. Loop: done once a sync has covered `lsn`; failed once any
    /// write or sync failed; otherwise, if nobody is syncing, become the
    /// leader and sync everything written so far (outside the lock, so
    /// others keep writing into the next group), else sleep until the leader
    /// broadcasts. N concurrent writers thus share about one fdatasync.
    func awaitDurableLocked(_ lsn: UInt64) throws(WALError) {
        while true {
            if syncedThrough >= lsn { return }
            if let failure { throw .failed(failure) }
            if !syncInProgress {
                try leadSyncLocked()
            } else {
                condition.wait()
            }
        }
    }

    /// One fdatasync of the open segment without holding the lock. The lock
    /// is held on entry and on return.
    func leadSyncLocked() throws(WALError) {
        syncInProgress = true
        let segment = openSegment
        let target = writtenThrough
        let group = unsyncedAppends
        unsyncedAppends = 0
        condition.unlock()
        let start = Condition.monotonicNanoseconds()
        let outcome = Result { () throws(SystemError) in try segment.sync() }
        let elapsed = Condition.monotonicNanoseconds() - start
        condition.lock()
        syncInProgress = false
        switch outcome {
        case .success:
            syncedThrough = max(syncedThrough, target)
            recorder.recordSync(nanoseconds: elapsed, groupSize: group, durableLSN: syncedThrough)
            condition.broadcast()
        case .failure(let error):
            failLocked(error)
            throw .failed(error)
        }
    }

    /// fdatasync while holding the lock (naive appends, seals, close): every
    /// write so far becomes durable.
    func syncLocked() throws(SystemError) {
        let start = Condition.monotonicNanoseconds()
        try openSegment.sync()
        let elapsed = Condition.monotonicNanoseconds() - start
        syncedThrough = writtenThrough
        recorder.recordSync(nanoseconds: elapsed, groupSize: unsyncedAppends, durableLSN: syncedThrough)
        unsyncedAppends = 0
        condition.broadcast()
    }

    /// Makes the log read-only: the first error wins and is what every
    /// pending and later append reports.
    func failLocked(_ error: SystemError) {
        if failure == nil {
            failure = error
            recorder.recordFailure(error.description)
        }
        condition.broadcast()
    }

    /// Seals the open segment and starts the next one. Waits for a running
    /// group sync (it uses the old descriptor), then: truncate the old segment
    /// to its last record, fdatasync it (everything written becomes durable,
    /// which releases waiting writers), and only then create the new segment
    /// — so a sealed segment is always complete and synced, and strict
    /// checking of sealed segments never trips over a crash.
    func rollLocked() throws(WALError) {
        while syncInProgress { condition.wait() }
        try checkWritableLocked()
        let old = openSegment
        let next: WALSegmentFile
        do {
            try old.truncate(to: writeOffset)
            try syncLocked()
            next = try WALSegmentFile.create(
                in: directory, header: WALDirectory.newHeader(sequence: old.header.sequence + 1, firstLSN: nextLSN),
                preallocateBytes: configuration.preallocate ? configuration.segmentBytes : nil)
        } catch {
            failLocked(error)
            throw .failed(error)
        }
        sealedSegments.append(WALSealedSegment(
            path: old.path, header: old.header, lastLSN: writtenThrough, bytes: writeOffset))
        openSegment = next
        writeOffset = WALSegmentHeader.byteCount
        recorder.sealed.add(1)
        recorder.segmentCount.store(UInt64(sealedSegments.count + 1))
    }

    /// The interval policy's flusher: every `intervalNanoseconds`, sync if
    /// anything was written since the last sync and nobody else is syncing.
    /// A failed sync fails the log like any other.
    func runFlusher(intervalNanoseconds: UInt64) {
        condition.lock()
        defer { condition.unlock() }
        var deadline = Condition.monotonicNanoseconds() + intervalNanoseconds
        while !isClosed {
            condition.wait(untilMonotonicNanoseconds: deadline)
            if isClosed { break }
            let now = Condition.monotonicNanoseconds()
            guard now >= deadline else { continue }
            deadline = now + intervalNanoseconds
            if failure == nil, writtenThrough > syncedThrough, !syncInProgress {
                try? leadSyncLocked()
            }
        }
    }
}
