#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorCore

extension WriteAheadLog {
    /// One segment as replay sees it.
    struct ReplaySegment {
        var path: String
        var header: WALSegmentHeader
        /// Bytes to read: the whole file when sealed; the open segment's
        /// write offset (complete records only) when open.
        var end: Int?
        /// The LSN the segment's last record must carry (sealed only).
        var lastLSN: UInt64?
    }

    /// Hands every complete batch holding records with LSN ≥ `lsn` to
    /// `body`, in LSN order; a batch that straddles `lsn` arrives trimmed to
    /// its records ≥ `lsn`. Every record read is checked: any damage (in a
    /// sealed segment, or in the open segment before its recovered end)
    /// throws `WALError.corrupt` naming path, offset and LSN. Sealed segments
    /// wholly below `lsn` are skipped unread. If truncation removed records at
    /// or after `lsn`, replay starts at `oldestLSN`.
    ///
    /// Errors are `WALError` or whatever `body` throws.
    public func forEachBatch(from lsn: UInt64 = 0, _ body: (WALBatchView) throws -> Void) throws {
        let plan = replayPlan()
        let buffer = WALBuffer(capacity: 1 << 20)
        var expectedFirst: UInt64?
        for segment in plan {
            if let last = segment.lastLSN, last < lsn {
                expectedFirst = nil
                continue
            }
            let image = try readSegment(segment, into: buffer)
            let header = try WALSegmentHeader.decode(image, path: segment.path)
            guard header == segment.header else {
                throw WALError.badSegment(path: segment.path, reason: "the header changed since the log was opened")
            }
            if let expectedFirst, header.firstLSN != expectedFirst {
                throw WALError.badSegment(path: segment.path, reason:
                    "first LSN \(header.firstLSN), but the previous segment ends at LSN \(expectedFirst - 1)")
            }
            let scanner = WALSegmentScanner(
                image: image, salt: header.salt, payloadLimit: configuration.maximumPayloadBytes, path: segment.path)
            let outcome = try scanner.scan(from: WALSegmentHeader.byteCount, expecting: header.firstLSN) { batch in
                guard batch.lastLSN >= lsn else { return }
                try body(batch.firstLSN >= lsn ? batch : batch.trimmed(from: lsn))
            }
            let sealed = segment.lastLSN != nil
            if case .invalid(let offset, let reason) = outcome.stop {
                throw WALError.corrupt(WALCorruption(
                    path: segment.path, offset: offset, lsn: outcome.stopLSN, reason: reason, sealed: sealed))
            }
            if let last = segment.lastLSN, outcome.nextLSN != last + 1 {
                throw WALError.corrupt(WALCorruption(
                    path: segment.path, offset: outcome.end, lsn: outcome.nextLSN,
                    reason: "segment ends at LSN \(outcome.nextLSN - 1) but the next segment starts at LSN \(last + 1)",
                    sealed: true))
            }
            expectedFirst = outcome.nextLSN
        }
    }

    /// `forEachBatch`, one record at a time (records of a batch are still
    /// only handed out once the whole batch has been read and checked).
    public func forEachRecord(from lsn: UInt64 = 0, _ body: (WALRecordView) throws -> Void) throws {
        try forEachBatch(from: lsn) { batch in
            for record in batch { try body(record) }
        }
    }

    /// Copies of the records with LSN ≥ `lsn` (tests, small logs).
    public func records(from lsn: UInt64 = 0) throws(WALError) -> [WALRecord] {
        var records: [WALRecord] = []
        do {
            try forEachRecord(from: lsn) { records.append($0.record) }
        } catch let error as WALError {
            throw error
        } catch {
            preconditionFailure("replay body cannot throw: \(error)")
        }
        return records
    }

    /// Reads and checks every record of every segment; returns the record
    /// count and the bytes of segment data read.
    @discardableResult
    public func verify() throws(WALError) -> (records: Int, bytes: Int) {
        var records = 0
        var bytes = 0
        do {
            try forEachBatch(from: 0) { batch in
                records += batch.count
                bytes += batch.bytes.count
            }
        } catch let error as WALError {
            throw error
        } catch {
            preconditionFailure("verify body cannot throw: \(error)")
        }
        return (records, bytes)
    }

    /// The segments to read, taken under the lock so a concurrent roll or
    /// truncation cannot tear the list.
    func replayPlan() -> [ReplaySegment] {
        condition.withLock {
            sealedSegments.map { ReplaySegment(path: $0.path, header: $0.header, end: nil, lastLSN: $0.lastLSN) }
                + [ReplaySegment(path: openSegment.path, header: openSegment.header, end: writeOffset, lastLSN: nil)]
        }
    }

    /// Reads a segment (or the open segment's written prefix) into `buffer`.
    private func readSegment(_ segment: ReplaySegment, into buffer: WALBuffer) throws(WALError) -> UnsafeRawBufferPointer {
        let path = segment.path
        do {
            let file = try FileDescriptor.openForReading(path)
            var size = segment.end ?? 0
            if segment.end == nil { size = try file.size() }
            buffer.reserve(size)
            let got = try file.read(into: buffer.base, count: size, at: 0)
            return UnsafeRawBufferPointer(start: buffer.base, count: got)
        } catch {
            throw .system(error)
        }
    }
}

extension WALBatchView {
    /// The records with LSN ≥ `lsn` (which lies inside the batch).
    func trimmed(from lsn: UInt64) -> WALBatchView {
        var skipped = 0
        var current = firstLSN
        while current < lsn {
            let view = WALRecordCodec.unchecked(bytes, at: skipped)
            skipped += WALRecord.encodedSize(payloadBytes: view.payload.count)
            current += 1
        }
        return WALBatchView(bytes: UnsafeRawBufferPointer(rebasing: bytes[skipped...]), firstLSN: lsn, lastLSN: lastLSN,
                            segmentPath: segmentPath, offset: offset + skipped)
    }
}
