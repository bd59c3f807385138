import VectorCore

/// Encodes and checks records in the layout documented on `WALRecord`.
enum WALRecordCodec {
    static let continuesBatchFlag: UInt8 = 1
    static let gapFlag: UInt8 = 2
    /// Payload bytes a gap record needs at least: count and reason.
    static let gapPayloadBytes = 9
    /// The smallest gap record on disk.
    static let minimumGapBytes = WALRecord.encodedSize(payloadBytes: gapPayloadBytes)

    /// Why a gap record was written (its reason byte).
    enum GapReason: UInt8 {
        case corruptSkipped = 1
        case advanced = 2
    }

    /// Writes a complete gap record of exactly `span` bytes (a multiple of 8,
    /// at least `minimumGapBytes`) at `base`: LSNs `lsn ..< lsn + count`.
    static func encodeGap(lsn: UInt64, count: UInt64, reason: GapReason, span: Int, salt: UInt32, into base: UnsafeMutableRawPointer) {
        precondition(span >= minimumGapBytes && span % WALRecord.alignment == 0 && count >= 1)
        let length = span - WALRecord.headerBytes - WALRecord.trailerBytes
        base.initializeMemory(as: UInt8.self, repeating: 0, count: span)
        base.storeBytes(of: UInt32(length).littleEndian, toByteOffset: 0, as: UInt32.self)
        base.storeBytes(of: gapFlag, toByteOffset: 5, as: UInt8.self)
        base.storeBytes(of: lsn.littleEndian, toByteOffset: 8, as: UInt64.self)
        base.storeBytes(of: count.littleEndian, toByteOffset: WALRecord.headerBytes, as: UInt64.self)
        base.storeBytes(of: reason.rawValue, toByteOffset: WALRecord.headerBytes + 8, as: UInt8.self)
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: WALRecord.headerBytes + length), seed: salt)
        base.storeBytes(of: CRC32C.masked(crc).littleEndian, toByteOffset: span - WALRecord.trailerBytes, as: UInt32.self)
    }

    /// A gap record's LSN count and reason, or nil if its payload is malformed.
    static func gap(of view: WALRecordView) -> (count: UInt64, reason: UInt8)? {
        guard view.isGap, view.payload.count >= gapPayloadBytes else { return nil }
        let count = UInt64(littleEndian: view.payload.loadUnaligned(as: UInt64.self))
        guard count >= 1 else { return nil }
        return (count, view.payload[8])
    }

    /// Writes a record's header (LSN 0 and no flags yet), payload and zero
    /// padding at `base`; `seal` fills LSN, flags and CRC once the LSN is
    /// known. Returns the record's size.
    static func encode(kind: UInt8, payload: UnsafeRawBufferPointer, into base: UnsafeMutableRawPointer) -> Int {
        let size = WALRecord.encodedSize(payloadBytes: payload.count)
        base.storeBytes(of: UInt32(payload.count).littleEndian, toByteOffset: 0, as: UInt32.self)
        base.storeBytes(of: kind, toByteOffset: 4, as: UInt8.self)
        base.storeBytes(of: 0, toByteOffset: 5, as: UInt8.self)
        base.storeBytes(of: 0, toByteOffset: 6, as: UInt16.self)
        base.storeBytes(of: 0, toByteOffset: 8, as: UInt64.self)
        if let source = payload.baseAddress, payload.count > 0 {
            (base + WALRecord.headerBytes).copyMemory(from: source, byteCount: payload.count)
        }
        let end = WALRecord.headerBytes + payload.count
        (base + end).initializeMemory(as: UInt8.self, repeating: 0, count: size - end)
        return size
    }

    /// Fills in LSN and flags of an encoded record and computes its CRC.
    static func seal(_ base: UnsafeMutableRawPointer, lsn: UInt64, continuesBatch: Bool, salt: UInt32) -> Int {
        let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        let size = WALRecord.encodedSize(payloadBytes: length)
        base.storeBytes(of: continuesBatch ? continuesBatchFlag : 0, toByteOffset: 5, as: UInt8.self)
        base.storeBytes(of: lsn.littleEndian, toByteOffset: 8, as: UInt64.self)
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: WALRecord.headerBytes + length), seed: salt)
        base.storeBytes(of: CRC32C.masked(crc).littleEndian, toByteOffset: size - WALRecord.trailerBytes, as: UInt32.self)
        return size
    }

    /// What is at an offset of a segment.
    enum Parsed {
        /// A record that passes every check; `size` bytes long.
        case record(WALRecordView, size: Int)
        /// Not a valid record: why.
        case invalid(String)
    }

    /// Checks the record at `offset` of `bytes` (a whole segment file or a
    /// prefix of one): length in bounds and within the data, flags and
    /// reserved bytes valid, padding zero, CRC matching.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer, at offset: Int, salt: UInt32, payloadLimit: Int) -> Parsed {
        let available = bytes.count - offset
        guard available >= WALRecord.headerBytes + WALRecord.trailerBytes else {
            return .invalid("only \(available) bytes left, less than a record header")
        }
        let base = bytes.baseAddress! + offset
        let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        guard length <= payloadLimit else { return .invalid("payload length \(length) exceeds the limit \(payloadLimit)") }
        let size = WALRecord.encodedSize(payloadBytes: length)
        guard size <= available else {
            return .invalid("record of \(size) bytes runs past the end of the data (\(available) bytes left)")
        }
        let flags = base.load(fromByteOffset: 5, as: UInt8.self)
        let reserved = base.loadUnaligned(fromByteOffset: 6, as: UInt16.self)
        guard flags & ~(continuesBatchFlag | gapFlag) == 0, flags != continuesBatchFlag | gapFlag, reserved == 0 else {
            return .invalid("flags \(flags) / reserved \(reserved) are not valid")
        }
        let stored = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: size - WALRecord.trailerBytes, as: UInt32.self))
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: WALRecord.headerBytes + length), seed: salt)
        guard CRC32C.masked(crc) == stored else { return .invalid("CRC mismatch") }
        for index in (WALRecord.headerBytes + length)..<(size - WALRecord.trailerBytes)
        where base.load(fromByteOffset: index, as: UInt8.self) != 0 {
            return .invalid("non-zero padding")
        }
        let lsn = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        guard lsn != 0 else { return .invalid("LSN 0") }
        let view = WALRecordView(
            lsn: lsn, kind: base.load(fromByteOffset: 4, as: UInt8.self),
            payload: UnsafeRawBufferPointer(start: base + WALRecord.headerBytes, count: length),
            continuesBatch: flags & continuesBatchFlag != 0, isGap: flags & gapFlag != 0)
        return .record(view, size: size)
    }

    /// Reads a record already checked by `parse`.
    @inline(__always)
    static func unchecked(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> WALRecordView {
        let base = bytes.baseAddress! + offset
        let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        return WALRecordView(
            lsn: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            kind: base.load(fromByteOffset: 4, as: UInt8.self),
            payload: UnsafeRawBufferPointer(start: base + WALRecord.headerBytes, count: length),
            continuesBatch: base.load(fromByteOffset: 5, as: UInt8.self) & continuesBatchFlag != 0,
            isGap: base.load(fromByteOffset: 5, as: UInt8.self) & gapFlag != 0)
    }
}
