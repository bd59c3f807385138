/// A span of bytes that something else owns: a heap allocation, or a file
/// mapping held open by `owner`. Index structures read vectors and links
/// through regions so the same search code runs over RAM and over mapped
/// files; the region keeps its owner alive for as long as it is referenced.
public struct MemoryRegion: @unchecked Sendable {
    public let base: UnsafeRawPointer
    public let count: Int
    /// Whatever keeps `base` valid (a mapping, an allocation). Never read.
    public let owner: AnyObject?

    public init(base: UnsafeRawPointer, count: Int, owner: AnyObject?) {
        self.base = base
        self.count = count
        self.owner = owner
    }

    /// A region over a fresh heap copy of `bytes`, aligned for any SIMD load.
    public static func copying(_ bytes: UnsafeRawBufferPointer) -> MemoryRegion {
        let allocation = HeapAllocation(byteCount: max(bytes.count, 1))
        if let source = bytes.baseAddress, bytes.count > 0 {
            allocation.pointer.copyMemory(from: source, byteCount: bytes.count)
        }
        return MemoryRegion(base: UnsafeRawPointer(allocation.pointer), count: bytes.count, owner: allocation)
    }

    public func typed<T>(_ type: T.Type) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: base.assumingMemoryBound(to: T.self), count: count / MemoryLayout<T>.stride)
    }
}

/// An owned, 64-byte-aligned heap allocation (the `owner` of a copied region).
public final class HeapAllocation: @unchecked Sendable {
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int

    public init(byteCount: Int, zeroed: Bool = true) {
        self.byteCount = byteCount
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
        if zeroed { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1)) }
    }

    deinit { pointer.deallocate() }
}
