/// SIMD kernels over int8 codes (scalar quantization), with exact integer
/// accumulation.
///
/// Codes are in −127…127 (`ScalarQuantizer` never writes −128), loaded 32 at
/// a time as two `SIMD16<Int8>`, widened to 32-bit lanes and multiplied
/// there, so LLVM is free to pick the host's widening multiply-add
/// (`vpmaddwd`, or `vpdpbusd` with AVX-512 VNNI). A scalar loop finishes any
/// dimension.
///
/// **Overflow bound.** For `dimension ≤ 65,536` (`InputLimit.dimension`):
/// - `dot`: |aᵢ·bᵢ| ≤ 127² = 16,129, so |Σ| ≤ 16,129 × 65,536 =
///   1,057,030,144 < 2³¹ — the `Int32` result is exact, whatever the lane
///   split (each lane's partial sum is bounded by the same total).
/// - `squaredL2`: (aᵢ − bᵢ)² ≤ 254² = 64,516, so Σ ≤ 64,516 × 65,536 =
///   4,228,120,576 < 2³² — the `UInt32` result is exact. Lanes accumulate
///   with wrapping adds of non-negative terms, and the final wrapped sum
///   equals the true sum because it is below 2³².
/// With −128 allowed the bounds would be 2³⁰ and 255² × 65,536 > 2³²; the
/// quantizer's symmetric code range is what keeps l2 inside 32 bits.
public enum Int8Distance {
    /// The largest dimension the 32-bit accumulators are exact for.
    public static let maximumDimension = 65_536

    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ n: Int) -> Int32 {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD16<Int32>(), acc1 = SIMD16<Int32>()
        var i = 0
        while i &+ 32 <= n {
            let a0 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            let b0 = SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            let a1 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<Int8>.self))
            let b1 = SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<Int8>.self))
            acc0 &+= a0 &* b0
            acc1 &+= a1 &* b1
            i &+= 32
        }
        if i &+ 16 <= n {
            let a0 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            let b0 = SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            acc0 &+= a0 &* b0
            i &+= 16
        }
        var sum = (acc0 &+ acc1).wrappedSum()
        if i &+ 8 <= n {
            let a0 = SIMD8<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self))
            let b0 = SIMD8<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self))
            sum &+= (a0 &* b0).wrappedSum()
            i &+= 8
        }
        while i < n {
            sum &+= Int32(a[i]) &* Int32(b[i])
            i &+= 1
        }
        return sum
    }

    @inlinable @inline(__always)
    public static func squaredL2(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ n: Int) -> UInt32 {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD16<Int32>(), acc1 = SIMD16<Int32>()
        var i = 0
        while i &+ 32 <= n {
            let d0 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
                &- SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            let d1 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<Int8>.self))
                &- SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<Int8>.self))
            acc0 &+= d0 &* d0
            acc1 &+= d1 &* d1
            i &+= 32
        }
        if i &+ 16 <= n {
            let d0 = SIMD16<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
                &- SIMD16<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self))
            acc0 &+= d0 &* d0
            i &+= 16
        }
        var sum = UInt32(bitPattern: (acc0 &+ acc1).wrappedSum())
        if i &+ 8 <= n {
            let d0 = SIMD8<Int32>(truncatingIfNeeded: ra.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self))
                &- SIMD8<Int32>(truncatingIfNeeded: rb.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self))
            sum &+= UInt32(bitPattern: (d0 &* d0).wrappedSum())
            i &+= 8
        }
        while i < n {
            let d = Int32(a[i]) &- Int32(b[i])
            sum &+= UInt32(bitPattern: d &* d)
            i &+= 1
        }
        return sum
    }
}
