import VectorCore

extension WriteAheadLog {
    /// Removes the sealed segments whose records all have LSN ≤ `lsn`,
    /// oldest first (so what remains is always a suffix of the log), then
    /// fsyncs the directory. The open segment is never removed, whatever
    /// `lsn` says. The engine calls this once the data up to `lsn` is durable
    /// elsewhere (a sealed index segment).
    ///
    /// Works on a failed (read-only) log too: it only drops old files.
    @discardableResult
    public func truncate(upTo lsn: UInt64) throws(WALError) -> WALTruncation {
        let (removed, oldest) = condition.withLock { () -> ([WALSealedSegment], UInt64) in
            let count = sealedSegments.prefix { $0.lastLSN <= lsn }.count
            let removed = Array(sealedSegments.prefix(count))
            sealedSegments.removeFirst(count)
            let oldest = sealedSegments.first?.header.firstLSN ?? openSegment.header.firstLSN
            recorder.oldestLSN.store(oldest)
            recorder.segmentCount.store(UInt64(sealedSegments.count + 1))
            recorder.truncated.add(UInt64(count))
            return (removed, oldest)
        }
        guard !removed.isEmpty else { return WALTruncation(segmentsRemoved: 0, bytesRemoved: 0, oldestLSN: oldest) }
        do {
            for segment in removed { try WALDirectory.remove(segment.path) }
            try AtomicFileWriter.syncDirectory(directory)
        } catch {
            throw .system(error)
        }
        return WALTruncation(segmentsRemoved: removed.count, bytesRemoved: removed.reduce(0) { $0 + $1.bytes }, oldestLSN: oldest)
    }
}

extension WriteAheadLog {
    /// The last LSN of the oldest sealed segment: `truncate(upTo:)` removes
    /// something only from this LSN on. Nil while the open segment is the
    /// only one (nothing can be removed). A caller deciding whether to
    /// truncate can stop as soon as one reader needs a record at or below it.
    public var oldestSealedSegmentLastLSN: UInt64? {
        condition.withLock { sealedSegments.first?.lastLSN }
    }
}
