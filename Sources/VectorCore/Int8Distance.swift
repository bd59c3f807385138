/// Kernels over int8 codes (scalar quantization), with exact integer
/// accumulation.
///
/// Codes are in −127…127 (`ScalarQuantizer` never writes −128). The bodies
/// are plain loops on purpose: LLVM's loop vectoriser recognises the
/// widening multiply-accumulate and emits the host's `vpmaddwd` (or
/// `vpdpbusd` with AVX-512 VNNI), while hand-written `SIMD16<Int32>` bodies
/// widen every byte to 32 bits first and multiply there, several times
/// slower per distance than this loop and than the float kernel.
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
        var sum: Int32 = 0
        for i in 0..<n { sum &+= Int32(a[i]) &* Int32(b[i]) }
        return sum
    }

    @inlinable @inline(__always)
    public static func squaredL2(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ n: Int) -> UInt32 {
        // A difference of two codes fits 16 bits (|d| ≤ 254), which lets
        // the vectoriser square it with a 16-bit multiply-add.
        var sum: UInt32 = 0
        for i in 0..<n {
            let d = Int32(Int16(a[i]) &- Int16(b[i]))
            sum &+= UInt32(bitPattern: d &* d)
        }
        return sum
    }
}
