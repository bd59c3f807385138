/// The byte-order helpers every on-disk format in this target reads and
/// writes its fixed fields with: integers little-endian at any alignment.
extension UnsafeRawBufferPointer {
    /// A little-endian integer at `offset` (any alignment).
    func loadLE<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension Array where Element == UInt8 {
    /// Stores `value` little-endian at `offset` (the bytes must exist).
    mutating func storeLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for byte in 0..<MemoryLayout<T>.size {
            self[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte))
        }
    }
}
