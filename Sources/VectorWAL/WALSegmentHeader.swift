import VectorCore

/// The first 64 bytes of every WAL segment file.
///
/// ## On-disk segment layout (little-endian)
///
/// | offset | size | field          | meaning |
/// |--------|------|----------------|---------|
/// | 0      | 8    | magic          | `VBWALSEG` |
/// | 8      | 4    | version        | format version, 1 |
/// | 12     | 4    | header size    | 64: records start here |
/// | 16     | 8    | sequence       | segment number, also in the file name; consecutive |
/// | 24     | 8    | first LSN      | LSN of the segment's first record (the next LSN when it was created) |
/// | 32     | 4    | salt           | random; seeds every record CRC in this segment |
/// | 36     | 4    | reserved       | 0 |
/// | 40     | 8    | created        | CLOCK_REALTIME nanoseconds, informational |
/// | 48     | 12   | reserved       | 0 |
/// | 60     | 4    | header CRC     | masked CRC32C of bytes 0..<60 |
/// | 64     | …    | records        | see `WALRecord`, back to back, 8-byte aligned |
///
/// The file is named `<sequence, 20 digits>.wal` and is created as a temporary
/// file holding the header, preallocated with fallocate to the configured
/// segment size (zeros), fsynced, renamed into place and the directory
/// fsynced: a segment either exists with a valid header or not at all.
/// While it is the **open** (highest-numbered) segment, records are appended
/// with pwrite and the preallocated zeros after the last record mark the end
/// of the log. When the log rolls to a new segment the old one is **sealed**:
/// truncated to its last record and fdatasynced before the new segment
/// exists, so a sealed segment ends exactly at a record boundary and any bad
/// byte in it is corruption.
public struct WALSegmentHeader: Sendable, Hashable {
    public static let byteCount = 64
    public static let magic: [UInt8] = Array("VBWALSEG".utf8)
    public static let version: UInt32 = 1

    public var sequence: UInt64
    public var firstLSN: UInt64
    public var salt: UInt32
    public var createdNanoseconds: UInt64

    public init(sequence: UInt64, firstLSN: UInt64, salt: UInt32, createdNanoseconds: UInt64) {
        self.sequence = sequence
        self.firstLSN = firstLSN
        self.salt = salt
        self.createdNanoseconds = createdNanoseconds
    }

    /// The file name of segment `sequence`.
    public static func fileName(sequence: UInt64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".wal"
    }

    /// The sequence number a segment file name encodes, or nil for other files.
    public static func sequence(fromFileName name: String) -> UInt64? {
        guard name.hasSuffix(".wal"), name.count == 24 else { return nil }
        return UInt64(name.dropLast(4))
    }

    /// The 64 header bytes.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.byteCount)
        bytes.withUnsafeMutableBytes { raw in
            raw.copyBytes(from: Self.magic)
            raw.storeBytes(of: Self.version.littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: UInt32(Self.byteCount).littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: sequence.littleEndian, toByteOffset: 16, as: UInt64.self)
            raw.storeBytes(of: firstLSN.littleEndian, toByteOffset: 24, as: UInt64.self)
            raw.storeBytes(of: salt.littleEndian, toByteOffset: 32, as: UInt32.self)
            raw.storeBytes(of: createdNanoseconds.littleEndian, toByteOffset: 40, as: UInt64.self)
            let crc = CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<60])))
            raw.storeBytes(of: crc.littleEndian, toByteOffset: 60, as: UInt32.self)
        }
        return bytes
    }

    /// Decodes and checks a header; the error says what is wrong.
    public static func decode(_ raw: UnsafeRawBufferPointer, path: String) throws(WALError) -> WALSegmentHeader {
        guard raw.count >= byteCount else {
            throw .badSegment(path: path, reason: "\(raw.count) bytes, shorter than the \(byteCount)-byte header")
        }
        guard Array(raw[0..<8]) == magic else { throw .badSegment(path: path, reason: "not a WAL segment (bad magic)") }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
        let crc = CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<60])))
        guard stored == crc else { throw .badSegment(path: path, reason: "header CRC mismatch") }
        let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard version == Self.version else {
            throw .badSegment(path: path, reason: "format version \(version), this build reads \(Self.version)")
        }
        let size = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard size == byteCount else { throw .badSegment(path: path, reason: "header size \(size), expected \(byteCount)") }
        let header = WALSegmentHeader(
            sequence: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            firstLSN: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            salt: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self)),
            createdNanoseconds: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 40, as: UInt64.self)))
        guard header.firstLSN >= 1 else { throw .badSegment(path: path, reason: "first LSN 0") }
        return header
    }
}
