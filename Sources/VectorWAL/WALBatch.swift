/// Records to append together: they get consecutive LSNs, are written in
/// one pwrite, acknowledged together, and replayed whole or not at all (see
/// `WALRecord` for how batches are framed).
///
/// The builder encodes each record as it is added (outside the WAL's lock);
/// under the lock the WAL only stamps LSNs and CRCs and writes.
public struct WALBatch: Sendable {
    /// Encoded records, LSN and CRC still zero.
    private(set) var encoded: [UInt8] = []
    public private(set) var count = 0
    /// Payload bytes over all records.
    public private(set) var payloadBytes = 0
    /// The largest single payload (checked against the WAL's limit).
    public private(set) var largestPayload = 0

    public init(reservingEncodedBytes capacity: Int = 0) {
        encoded.reserveCapacity(capacity)
    }

    public var isEmpty: Bool { count == 0 }
    /// Bytes the batch takes in the log.
    public var encodedBytes: Int { encoded.count }

    /// Adds a record whose payload the caller writes in place: `write`
    /// receives exactly `payloadBytes` bytes to fill (zeroed beforehand).
    public mutating func append(kind: UInt8, payloadBytes: Int, _ write: (UnsafeMutableRawBufferPointer) -> Void) {
        precondition(payloadBytes >= 0 && payloadBytes <= WALRecord.payloadLimit, "payload of \(payloadBytes) bytes")
        let start = encoded.count
        let size = WALRecord.encodedSize(payloadBytes: payloadBytes)
        encoded.append(contentsOf: repeatElement(0, count: size))
        encoded.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress! + start
            _ = WALRecordCodec.encode(kind: kind, payload: UnsafeRawBufferPointer(start: nil, count: 0), into: base)
            base.storeBytes(of: UInt32(payloadBytes).littleEndian, toByteOffset: 0, as: UInt32.self)
            write(UnsafeMutableRawBufferPointer(start: base + WALRecord.headerBytes, count: payloadBytes))
        }
        note(payloadBytes)
    }

    public mutating func append(kind: UInt8, payload: UnsafeRawBufferPointer) {
        append(kind: kind, payloadBytes: payload.count) { target in
            if payload.count > 0 { target.copyMemory(from: payload) }
        }
    }

    public mutating func append(kind: UInt8, payload: some Collection<UInt8>) {
        append(kind: kind, payloadBytes: payload.count) { target in
            _ = target.initializeMemory(as: UInt8.self, from: payload)
        }
    }

    private mutating func note(_ payloadBytes: Int) {
        count += 1
        self.payloadBytes += payloadBytes
        largestPayload = max(largestPayload, payloadBytes)
    }
}
