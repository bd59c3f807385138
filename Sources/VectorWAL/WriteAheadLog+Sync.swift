import VectorCore

extension WriteAheadLog {
    /// Group commit. Called with the lock held after this writer's record is
    /// written. Loop: done once a sync has covered `lsn`; failed once any
    /// write or sync failed; otherwise, if nobody is syncing, become the
    /// leader and sync everything written so far (outside the lock, so
    /// others keep writing into the next group), else queue up and sleep on
    /// this writer's own condition. N concurrent writers thus share about
    /// one fdatasync.
    ///
    /// A finished sync wakes exactly the writers it covered, plus the first
    /// uncovered one to lead the next sync (`wakeDurableWaitersLocked`). With
    /// one shared condition every sync woke every writer, and those it did
    /// not cover — the ones that wrote during the sync — went straight back
    /// to sleep: with 64 writers on 2 cores, most wake-ups were wasted.
    func awaitDurableLocked(_ lsn: UInt64) throws(WALError) {
        var waiter: Condition.Waiter?
        // Never leave a waiter queued that nobody waits on: it could be
        // picked to lead the next sync and strand the rest.
        defer {
            if let waiter, waiter.isQueued {
                waiter.isQueued = false
                if let index = durableWaiters.firstIndex(where: { $0 === waiter }) { durableWaiters.remove(at: index) }
            }
        }
        while true {
            if syncedThrough >= lsn { return }
            if let failure { throw .failed(failure) }
            if !syncInProgress {
                try leadSyncLocked()
                continue
            }
            let mine = waiter ?? Condition.Waiter(lsn: lsn)
            waiter = mine
            if !mine.isQueued {
                mine.isQueued = true
                durableWaiters.append(mine)
            }
            condition.wait(mine)
            durableWakeups += 1
            if syncedThrough < lsn, failure == nil, syncInProgress { fruitlessWakeups += 1 }
        }
    }

    /// After `syncedThrough` moved or the log failed: wake the queued writers
    /// that are now done (all of them on a failure), and if writers remain
    /// and nobody is syncing, wake the first so it leads the next sync.
    func wakeDurableWaitersLocked() {
        guard !durableWaiters.isEmpty else { return }
        let everyone = failure != nil
        for waiter in durableWaiters where everyone || waiter.lsn <= syncedThrough {
            waiter.isQueued = false
            condition.signal(waiter)
        }
        durableWaiters.removeAll { !$0.isQueued }
        if !syncInProgress, let next = durableWaiters.popFirst() {
            next.isQueued = false
            condition.signal(next)
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
            wakeDurableWaitersLocked()
            // Seals and close wait for the sync to end on the shared condition.
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
        wakeDurableWaitersLocked()
        condition.broadcast()
    }

    /// Makes the log read-only: the first error wins and is what every
    /// pending and later append reports.
    func failLocked(_ error: SystemError) {
        if failure == nil {
            failure = error
            recorder.recordFailure(error.description)
        }
        wakeDurableWaitersLocked()
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

    /// The interval policy's flush (run by `WALIntervalFlusher`): sync if
    /// anything was written since the last sync, the log is open and nobody
    /// else is syncing. A failed sync fails the log like any other. True
    /// when it synced (or tried to).
    /// Whether `flushIfWritten` would sync now: the interval flusher asks
    /// before it wakes a syncing thread for this log.
    var needsIntervalFlush: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !isClosed && failure == nil && writtenThrough > syncedThrough && !syncInProgress
    }

    @discardableResult
    func flushIfWritten() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed, failure == nil, writtenThrough > syncedThrough, !syncInProgress else { return false }
        try? leadSyncLocked()
        return true
    }
}
