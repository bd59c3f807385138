import VectorCore

extension WriteAheadLog {
    /// Makes the next append get an LSN above `lsn`, by writing (and
    /// fdatasyncing) a gap record that consumes the LSNs from the next one
    /// through `lsn`. For a log that restarted below LSNs already applied
    /// elsewhere (the engine's sealed segments, after the WAL directory was
    /// lost): new writes must carry higher versions than anything stored, or
    /// they would be taken for stale. Returns the range skipped, or nil if
    /// the next LSN is already above `lsn`.
    @discardableResult
    public func advance(past lsn: UInt64) throws(WALError) -> ClosedRange<UInt64>? {
        condition.lock()
        defer { condition.unlock() }
        try checkWritableLocked()
        guard nextLSN <= lsn else { return nil }
        let span = WALRecordCodec.minimumGapBytes
        if writeOffset > WALSegmentHeader.byteCount, writeOffset + span > configuration.segmentBytes {
            try rollLocked()
        }
        let first = nextLSN
        scratch.reserve(span)
        WALRecordCodec.encodeGap(lsn: first, count: lsn - first + 1, reason: .advanced, span: span,
                                 salt: openSegment.header.salt, into: scratch.base)
        do {
            try openSegment.write(UnsafeRawBufferPointer(start: scratch.base, count: span), at: writeOffset)
            writeOffset += span
            nextLSN = lsn + 1
            writtenThrough = lsn
            recorder.lastLSN.store(lsn)
            try syncLocked()
        } catch {
            failLocked(error)
            throw .failed(error)
        }
        return first...lsn
    }
}
