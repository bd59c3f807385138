/// Walks the records of a segment image in memory, checking each one and
/// grouping them into batches. The one loop behind recovery, replay and
/// verification; what counts as an acceptable end is decided by the caller
/// (sealed: only the exact end of the data; open: one torn tail).
struct WALSegmentScanner {
    /// Why the walk stopped.
    enum Stop: Equatable {
        /// The data ended exactly after a complete batch.
        case end
        /// The bytes at `offset` are not the next record: `reason`.
        case invalid(offset: Int, reason: String)
    }

    /// What the walk found.
    struct Outcome {
        /// Offset just past the last complete batch: where the valid log ends.
        var end: Int
        /// The LSN after the last complete batch.
        var nextLSN: UInt64
        var records = 0
        var batches = 0
        /// Valid records at `end` whose batch never got its closing record
        /// (the stop came first).
        var incompleteBatchRecords = 0
        var stop: Stop
        /// The LSN the record at the stop offset should have had.
        var stopLSN: UInt64
        /// Gap records passed: the LSN ranges they consumed, their offsets and reasons.
        var gaps: [(lsns: ClosedRange<UInt64>, offset: Int, reason: UInt8)] = []
    }

    let image: UnsafeRawBufferPointer
    let salt: UInt32
    let payloadLimit: Int
    /// The segment's path, for the views handed out.
    var path: String = ""

    /// Walks from `offset` expecting `lsn`, handing each complete batch to
    /// `deliver`.
    func scan(
        from offset: Int, expecting lsn: UInt64, deliver: (WALBatchView) throws -> Void
    ) rethrows -> Outcome {
        var outcome = Outcome(end: offset, nextLSN: lsn, stop: .end, stopLSN: lsn)
        var cursor = offset
        var expected = lsn
        var batchStart = offset
        var batchRecords = 0
        while cursor < image.count {
            if Self.isZero(image, at: cursor, count: min(WALRecord.headerBytes, image.count - cursor)) {
                outcome.stop = .invalid(offset: cursor, reason: "zeros where a record header should be")
                break
            }
            switch WALRecordCodec.parse(image, at: cursor, salt: salt, payloadLimit: payloadLimit) {
            case .invalid(let reason):
                outcome.stop = .invalid(offset: cursor, reason: reason)
            case .record(let view, let size):
                guard view.lsn == expected else {
                    outcome.stop = .invalid(offset: cursor, reason: "valid record with LSN \(view.lsn) where \(expected) belongs")
                    break
                }
                if view.isGap {
                    guard batchRecords == 0, let gap = WALRecordCodec.gap(of: view),
                          expected.addingReportingOverflow(gap.count).overflow == false else {
                        outcome.stop = .invalid(offset: cursor, reason: "malformed gap record (inside a batch, or a bad count)")
                        break
                    }
                    outcome.gaps.append((expected...(expected + gap.count - 1), cursor, gap.reason))
                    expected += gap.count
                    cursor += size
                    outcome.end = cursor
                    outcome.nextLSN = expected
                    continue
                }
                if batchRecords == 0 { batchStart = cursor }
                batchRecords += 1
                expected += 1
                cursor += size
                if !view.continuesBatch {
                    try deliver(WALBatchView(
                        bytes: UnsafeRawBufferPointer(rebasing: image[batchStart..<cursor]),
                        firstLSN: expected - UInt64(batchRecords), lastLSN: expected - 1,
                        segmentPath: path, offset: batchStart))
                    outcome.records += batchRecords
                    outcome.batches += 1
                    outcome.end = cursor
                    outcome.nextLSN = expected
                    batchRecords = 0
                }
                continue
            }
            break
        }
        if case .end = outcome.stop, batchRecords > 0 {
            outcome.stop = .invalid(offset: cursor, reason: "the data ends inside a batch that began at byte \(batchStart)")
        }
        outcome.incompleteBatchRecords = batchRecords
        outcome.stopLSN = expected
        return outcome
    }

    /// The first 8-byte aligned offset at or after `start` holding a valid
    /// record (any LSN), if any: proof that damage before it is not a torn tail.
    func firstValidRecord(from start: Int) -> (offset: Int, lsn: UInt64)? {
        var cursor = (start + WALRecord.alignment - 1) & ~(WALRecord.alignment - 1)
        while cursor + WALRecord.headerBytes + WALRecord.trailerBytes <= image.count {
            // Preallocated zeros are the common case; skip them a word at a time.
            if image.loadUnaligned(fromByteOffset: cursor, as: UInt64.self) == 0,
               image.loadUnaligned(fromByteOffset: cursor + 8, as: UInt64.self) == 0 {
                cursor += WALRecord.alignment
                continue
            }
            if case .record(let view, _) = WALRecordCodec.parse(image, at: cursor, salt: salt, payloadLimit: payloadLimit) {
                return (cursor, view.lsn)
            }
            cursor += WALRecord.alignment
        }
        return nil
    }

    /// One past the last non-zero byte at or after `start` (or `start`).
    func endOfNonZeroBytes(from start: Int) -> Int {
        var end = image.count
        // Whole words from the back, then bytes.
        while end - 8 >= start, image.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) == 0 { end -= 8 }
        while end > start, image[end - 1] == 0 { end -= 1 }
        return end
    }

    static func isZero(_ image: UnsafeRawBufferPointer, at offset: Int, count: Int) -> Bool {
        for index in offset..<(offset + count) where image[index] != 0 { return false }
        return true
    }
}
