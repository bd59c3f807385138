/// SIMD distance kernels over raw float pointers.
///
/// Two 16-lane accumulators hide the add latency on wide vector units; an
/// 8-lane step and a scalar loop finish any dimension. Multiply and add are
/// kept separate (no `addingProduct`): on a build without FMA in its target
/// features `addingProduct` lowers to a libm call per lane, which would make a
/// portable build an order of magnitude slower. Release builds of vecbench
/// target the host CPU (see the Makefile), where LLVM emits AVX-512/AVX2.
public enum Distance {
    @inlinable @inline(__always)
    public static func squaredL2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var offset = 0
        let bytes = n &* 4
        while offset &+ 128 <= bytes {
            let d0 = ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let d1 = ra.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            acc0 = acc0 + d0 * d0
            acc1 = acc1 + d1 * d1
            offset &+= 128
        }
        if offset &+ 64 <= bytes {
            let d0 = ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            acc0 = acc0 + d0 * d0
            offset &+= 64
        }
        var sum = (acc0 + acc1).sum()
        if offset &+ 32 <= bytes {
            let d = ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum += (d * d).sum()
            offset &+= 32
        }
        var i = offset >> 2
        while i < n {
            let d = a[i] - b[i]
            sum += d * d
            i &+= 1
        }
        return sum
    }

    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var offset = 0
        let bytes = n &* 4
        while offset &+ 128 <= bytes {
            acc0 = acc0 + ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            acc1 = acc1 + ra.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            offset &+= 128
        }
        if offset &+ 64 <= bytes {
            acc0 = acc0 + ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            offset &+= 64
        }
        var sum = (acc0 + acc1).sum()
        if offset &+ 32 <= bytes {
            sum += (ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)).sum()
            offset &+= 32
        }
        var i = offset >> 2
        while i < n {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

    /// Scales `vector` to unit length in place. A zero vector is left as it is
    /// (its cosine distance to anything is then 1, as in hnswlib).
    @inlinable
    public static func normalize(_ vector: UnsafeMutablePointer<Float>, _ n: Int) {
        let norm = dot(vector, vector, n).squareRoot()
        guard norm > 0, norm.isFinite else { return }
        let inverse = 1 / norm
        for i in 0..<n { vector[i] *= inverse }
    }

    /// Normalised copy of an array (cosine metric).
    public static func normalized(_ vector: [Float]) -> [Float] {
        var copy = vector
        copy.withUnsafeMutableBufferPointer { normalize($0.baseAddress!, $0.count) }
        return copy
    }
}
