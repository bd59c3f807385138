/// Binary quantization (Qdrant's `binary`): one bit per dimension, set when
/// the component lies above its threshold, packed little-endian into
/// `UInt64` words (bit `i % 64` of word `i / 64`; unused high bits of the
/// last word are zero). Distances are Hamming distances (`BinaryDistance`).
///
/// For inner product and cosine only: the Hamming distance between sign
/// patterns estimates the angle between two vectors (sign random-projection
/// in the coordinate basis), which orders candidates well enough to be
/// rescored against the float originals; it carries no magnitude, so it does
/// not estimate l2.
///
/// Thresholds are zero (Qdrant's plain sign), or each dimension's mean over
/// the training rows (`centered`): data whose cloud sits off the origin —
/// normalised embeddings usually do — would otherwise set the same bits in
/// almost every vector and leave little to tell neighbours apart.
public struct BinaryQuantizer: Sendable, Equatable {
    public let dimension: Int
    public let thresholds: [Float]

    public init(thresholds: [Float]) throws(QuantizationError) {
        guard (1...Int8Distance.maximumDimension).contains(thresholds.count) else {
            throw .invalidParameter("dimension \(thresholds.count) is outside 1…\(Int8Distance.maximumDimension)")
        }
        guard let bad = thresholds.firstIndex(where: { !$0.isFinite }) else {
            dimension = thresholds.count
            self.thresholds = thresholds
            return
        }
        throw .invalidParameter("threshold \(bad) is \(thresholds[bad])")
    }

    /// Thresholds from the mean of every dimension over the first `count`
    /// rows (`centered`), or zero.
    public init(training rows: UnsafePointer<Float>, count: Int, dimension: Int, centered: Bool = true) throws(QuantizationError) {
        guard count > 0 else { throw .invalidParameter("no training rows") }
        guard centered else {
            try self.init(thresholds: [Float](repeating: 0, count: dimension))
            return
        }
        var sums = [Double](repeating: 0, count: max(dimension, 0))
        for row in 0..<count {
            let vector = rows + row * dimension
            for i in 0..<dimension { sums[i] += Double(vector[i]) }
        }
        try self.init(thresholds: sums.map { Float($0 / Double(count)) })
    }

    /// `UInt64` words per vector.
    public var words: Int { (dimension + 63) / 64 }

    public func encode(_ vector: UnsafePointer<Float>, into bits: UnsafeMutablePointer<UInt64>) {
        bits.update(repeating: 0, count: words)
        for i in 0..<dimension where vector[i] > thresholds[i] {
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
    }
}

/// Hamming distance between packed bit vectors.
public enum BinaryDistance {
    /// Differing bits over `words` 64-bit words; four words at a time as a
    /// `SIMD4<UInt64>` XOR, popcounted per lane (one `popcnt` each, or
    /// `vpopcntq` where the host has it).
    @inlinable @inline(__always)
    public static func hamming(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ words: Int) -> Int {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var count = 0
        var i = 0
        while i &+ 4 <= words {
            let x = ra.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<UInt64>.self)
                ^ rb.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<UInt64>.self)
            count &+= x[0].nonzeroBitCount &+ x[1].nonzeroBitCount &+ x[2].nonzeroBitCount &+ x[3].nonzeroBitCount
            i &+= 4
        }
        while i < words {
            count &+= (a[i] ^ b[i]).nonzeroBitCount
            i &+= 1
        }
        return count
    }
}
