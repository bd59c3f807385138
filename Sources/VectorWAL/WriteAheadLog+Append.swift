import Dispatch
import VectorCore

extension WriteAheadLog {
    /// Appends one record; returns when the sync policy allows (see the type's
    /// summary). Blocking: call from a plain thread.
    @discardableResult
    public func append(kind: UInt8, payload: UnsafeRawBufferPointer) throws(WALError) -> WALAcknowledgement {
        guard payload.count <= configuration.maximumPayloadBytes else {
            throw .recordTooLarge(payloadBytes: payload.count, limit: configuration.maximumPayloadBytes)
        }
        let size = WALRecord.encodedSize(payloadBytes: payload.count)
        return try appendEncoded(bytes: size, records: 1, payloadBytes: payload.count) { target in
            _ = WALRecordCodec.encode(kind: kind, payload: payload, into: target)
        }
    }

    /// Appends one record from any byte collection.
    @discardableResult
    public func append(kind: UInt8, payload: [UInt8]) throws(WALError) -> WALAcknowledgement {
        try payload.withUnsafeBytes { raw in
            Result { () throws(WALError) in try append(kind: kind, payload: raw) }
        }.get()
    }

    /// Appends a batch atomically: consecutive LSNs, one write, one
    /// acknowledgement, replayed whole or not at all.
    @discardableResult
    public func append(_ batch: WALBatch) throws(WALError) -> WALAcknowledgement {
        guard !batch.isEmpty else { throw .emptyBatch }
        guard batch.largestPayload <= configuration.maximumPayloadBytes else {
            throw .recordTooLarge(payloadBytes: batch.largestPayload, limit: configuration.maximumPayloadBytes)
        }
        return try batch.encoded.withUnsafeBytes { source in
            Result { () throws(WALError) in
                try appendEncoded(bytes: source.count, records: batch.count, payloadBytes: batch.payloadBytes) { target in
                    target.copyMemory(from: source.baseAddress!, byteCount: source.count)
                }
            }
        }.get()
    }

    /// `append(_:)` for async callers: runs the blocking append on a Dispatch
    /// worker thread, so a group-commit wait never blocks the cooperative pool.
    public func appendAsync(_ batch: WALBatch) async throws(WALError) -> WALAcknowledgement {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<WALAcknowledgement, WALError>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(WALError) in try self.append(batch) })
            }
        }
        return try outcome.get()
    }

    /// The one append path: under the lock, roll if the batch does not fit,
    /// encode into the scratch buffer, stamp LSNs and CRCs, pwrite; then
    /// acknowledge as the policy says.
    private func appendEncoded(
        bytes: Int, records: Int, payloadBytes: Int, encode: (UnsafeMutableRawPointer) -> Void
    ) throws(WALError) -> WALAcknowledgement {
        condition.lock()
        defer { condition.unlock() }
        try checkWritableLocked()
        if writeOffset > WALSegmentHeader.byteCount, writeOffset + bytes > configuration.segmentBytes {
            try rollLocked()
        }
        scratch.reserve(bytes)
        encode(scratch.base)
        let first = nextLSN
        var offset = 0
        for index in 0..<records {
            offset += WALRecordCodec.seal(
                scratch.base + offset, lsn: first + UInt64(index), continuesBatch: index < records - 1,
                salt: openSegment.header.salt)
        }
        precondition(offset == bytes, "encoded batch of \(bytes) bytes holds \(offset) bytes of records")
        do {
            try openSegment.write(UnsafeRawBufferPointer(start: scratch.base, count: bytes), at: writeOffset)
        } catch {
            failLocked(error)
            throw .failed(error)
        }
        if bytes > 1 << 20 { scratch.shrink(to: 64 << 10) }
        let last = first + UInt64(records) - 1
        writeOffset += bytes
        nextLSN = last + 1
        writtenThrough = last
        unsyncedAppends += 1
        recorder.recordAppend(records: records, bytes: bytes, payloadBytes: payloadBytes, lastLSN: last)

        let policy = configuration.syncPolicy
        switch policy {
        case .never, .interval:
            break
        case .naive:
            do {
                try syncLocked()
            } catch {
                failLocked(error)
                throw .failed(error)
            }
        case .always:
            try awaitDurableLocked(last)
        }
        return WALAcknowledgement(firstLSN: first, lastLSN: last, durability: policy.durability)
    }

    func checkWritableLocked() throws(WALError) {
        if let failure { throw .failed(failure) }
        if isClosed { throw .closed(directory: directory) }
    }
}
