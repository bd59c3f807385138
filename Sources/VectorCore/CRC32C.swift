import CLinuxShims

/// CRC32C (Castagnoli), computed with the CPU's CRC instructions when it has
/// them (SSE4.2 on x86-64, the ARMv8 CRC extension on aarch64) and a
/// slicing-by-8 table otherwise; the choice is made once per process in C
/// (`vb_crc32c.c`).
///
/// Checksums compose: `checksum(b, seed: checksum(a)) == checksum(a ++ b)`,
/// and a `CRC32C` value accumulates bytes incrementally the same way.
///
/// On-disk formats that store a CRC next to the data it covers (WAL records)
/// store it `masked`, as LevelDB and RocksDB do: a CRC computed over bytes that
/// themselves contain CRCs is otherwise prone to accidental matches.
public struct CRC32C: Sendable, Hashable {
    /// The checksum of everything added so far (0 for nothing).
    public var value: UInt32

    public init(seed: UInt32 = 0) { value = seed }

    /// Adds `bytes` to the running checksum.
    @inlinable
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = CRC32C.checksum(bytes, seed: value)
    }

    /// Adds the bytes of a contiguous collection (an array, `Data`, a slice).
    @inlinable
    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        value = CRC32C.checksum(bytes, seed: value)
    }

    /// The CRC32C of `bytes`, continuing from `seed` (a previous checksum).
    @inlinable
    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return seed }
        return vb_crc32c_update(seed, base, bytes.count)
    }

    /// The CRC32C of a collection of bytes, continuing from `seed`.
    @inlinable
    public static func checksum<Bytes: Collection<UInt8>>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 {
        if let result = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), seed: seed) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { checksum($0, seed: seed) }
    }

    /// The table-driven implementation, whatever the CPU has (for tests and
    /// for comparing speeds).
    public static func softwareChecksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return seed }
        return vb_crc32c_update_software(seed, base, bytes.count)
    }

    /// The hardware implementation, or nil when the CPU has no CRC32C
    /// instructions.
    public static func hardwareChecksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32? {
        guard isHardwareAccelerated else { return nil }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return seed }
        return vb_crc32c_update_hardware(seed, base, bytes.count)
    }

    /// Whether `checksum` runs on CPU instructions rather than the table.
    public static var isHardwareAccelerated: Bool { vb_crc32c_hardware_available() != 0 }

    /// "sse4.2", "armv8-crc" or "software": what `checksum` uses here.
    public static var implementation: String { String(cString: vb_crc32c_implementation()) }

    /// LevelDB's mask: rotate right by 15 bits, add a constant.
    @inlinable
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xa282_ead8
    }

    /// Inverse of `masked`.
    @inlinable
    public static func unmasked(_ masked: UInt32) -> UInt32 {
        let rotated = masked &- 0xa282_ead8
        return (rotated >> 17) | (rotated << 15)
    }
}
