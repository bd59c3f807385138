import VectorCore

extension WALSegmentScanner {
    /// What the bytes where a scan stopped are, when no valid record follows.
    enum Damage: Equatable {
        /// A prefix of a write a crash cut short, then zeros: never completely
        /// written, so never acknowledged under `fsync always`.
        case torn
        /// A record that was completely written and still fails its checks.
        case corrupt(String)
    }

    /// Bytes of a disk sector: the unit a power loss keeps or loses whole.
    static let sectorBytes = 512

    /// Tells a torn write from a corrupt record at `offset`, where a record
    /// with LSN `lsn` belongs and `reason` says why it is not one; the
    /// non-zero bytes end at `dirtyEnd`.
    ///
    /// A write is torn by stopping between pages (a killed `pwrite`) or by
    /// sectors that never reached the disk, which read as zeros in a
    /// preallocated segment. So a torn record's bytes are either what was
    /// written or zero. Corruption is anything a tear cannot produce:
    /// - a header whose length, flags or reserved bytes are invalid but not zero;
    /// - a header whose LSN is not zero and not the expected one;
    /// - a record whose whole length is in the file, whose CRC trailer is
    ///   written (not a prefix of the right CRC then zeros) and which has no all-zero sector inside — the
    ///   write completed, and the record still fails its CRC or padding check;
    /// - a record that validates once its length field is put right (the
    ///   length is what was damaged; its trailer sits where the data ends).
    func classifyDamage(at offset: Int, expecting lsn: UInt64, reason: String, dirtyEnd: Int) -> Damage {
        let available = image.count - offset
        guard available >= 8 else { return .torn }
        let base = image.baseAddress! + offset
        if base.loadUnaligned(as: UInt64.self) == 0 { return .torn }
        let length = Int(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
        let flags = base.load(fromByteOffset: 5, as: UInt8.self)
        let reserved = base.loadUnaligned(fromByteOffset: 6, as: UInt16.self)
        let known = WALRecordCodec.continuesBatchFlag | WALRecordCodec.gapFlag
        if length > payloadLimit || flags & ~known != 0 || flags == known || reserved != 0 {
            return .corrupt("the record header is damaged (length \(length), flags \(flags), reserved \(reserved)), "
                + "which a torn write cannot leave: \(reason)")
        }
        if available >= WALRecord.headerBytes {
            let stored = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if stored != 0 && stored != lsn {
                return .corrupt("the record header carries LSN \(stored) where \(lsn) belongs: \(reason)")
            }
        }
        let size = WALRecord.encodedSize(payloadBytes: length)
        if size <= available, trailerWritten(at: offset, size: size, length: length),
           !hasZeroSector(in: offset..<(offset + size)) {
            return .corrupt("a complete record (\(size) bytes, CRC trailer written) fails its checks: \(reason); "
                + "this is corruption, not a torn write")
        }
        if let repaired = repairedLength(at: offset, lsn: lsn, dirtyEnd: dirtyEnd) {
            return .corrupt("the record's length field is damaged (it says \(length) bytes; the record validates "
                + "with \(repaired)): \(reason)")
        }
        return .torn
    }

    /// Whether the record's trailer was completely written. A tear at any
    /// byte leaves the bytes before it as written and every byte after it
    /// zero, so a trailer a tear cut short is a prefix of the CRC the
    /// record's bytes call for, then zeros. All four bytes zero is the
    /// common case (the tear came before the trailer).
    ///
    /// Why not look at the last byte alone: a masked CRC's top byte is zero
    /// one time in 256, and each segment's CRCs are seeded with its random
    /// salt. Then a tear inside the trailer left its last byte "as the CRC
    /// says it should be", and the tail was refused as corruption for one
    /// salt in 256 (a test that tears every byte flaked that often).
    func trailerWritten(at offset: Int, size: Int, length: Int) -> Bool {
        let base = image.baseAddress! + offset
        let stored = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: size - WALRecord.trailerBytes, as: UInt32.self))
        guard stored != 0 else { return false }
        let expected = CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: WALRecord.headerBytes + length), seed: salt))
        // The right CRC: written in full (the record fails some other check).
        if stored == expected { return true }
        // Little-endian: the first `kept` bytes are the low ones.
        for kept in 1..<WALRecord.trailerBytes {
            let mask: UInt32 = (1 << (8 * UInt32(kept))) - 1
            if stored & ~mask == 0, stored & mask == expected & mask { return false }
        }
        return true
    }

    /// Whether a whole aligned sector inside `range` is zero (a sector a
    /// power loss kept from the disk).
    func hasZeroSector(in range: Range<Int>) -> Bool {
        let sector = Self.sectorBytes
        var start = (range.lowerBound + sector - 1) / sector * sector
        while start + sector <= range.upperBound {
            if Self.isZero(image, at: start, count: sector) { return true }
            start += sector
        }
        return false
    }

    /// The payload length with which the record at `offset` would validate
    /// if its trailer ends where the non-zero bytes end, if there is one.
    func repairedLength(at offset: Int, lsn: UInt64, dirtyEnd: Int) -> Int? {
        let end = (dirtyEnd + WALRecord.alignment - 1) & ~(WALRecord.alignment - 1)
        guard end - dirtyEnd < WALRecord.trailerBytes, end <= image.count else { return nil }
        let size = end - offset
        guard size >= WALRecord.encodedSize(payloadBytes: 0) else { return nil }
        var copy = [UInt8](UnsafeRawBufferPointer(rebasing: image[offset..<end]))
        let largest = size - WALRecord.headerBytes - WALRecord.trailerBytes
        for candidate in stride(from: largest, through: max(0, largest - WALRecord.alignment + 1), by: -1)
        where WALRecord.encodedSize(payloadBytes: candidate) == size && candidate <= payloadLimit {
            copy.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: UInt32(candidate).littleEndian, toByteOffset: 0, as: UInt32.self)
            }
            let valid = copy.withUnsafeBytes { raw -> Bool in
                if case .record(let view, _) = WALRecordCodec.parse(raw, at: 0, salt: salt, payloadLimit: payloadLimit) {
                    return view.lsn == lsn
                }
                return false
            }
            if valid { return candidate }
        }
        return nil
    }
}
