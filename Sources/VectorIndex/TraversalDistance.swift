import VectorCore

/// What a graph traversal measures distances with: one prepared query
/// against the rows of one region (f32 vectors, int8 codes or bit vectors).
/// Search is generic over it, so the f32 case inlines to the same kernel call
/// as before and the quantized ones to theirs.
protocol TraversalDistance {
    /// The stored row of `node` (for the distance, prefetch and the recorder).
    func row(_ node: UInt32) -> UnsafeRawPointer
    /// Distance from the query to a row returned by `row`.
    func distance(to row: UnsafeRawPointer) -> Float
    /// Bytes a distance reads from the row.
    var rowBytes: Int { get }
    /// The region the rows live in, for page statistics.
    var base: UnsafeRawPointer { get }
    var regionBytes: Int { get }
}

struct FloatTraversal<K: DistanceKernel>: TraversalDistance {
    let query: UnsafePointer<Float>
    let vectors: UnsafeMutablePointer<Float>
    let dimension: Int
    let regionBytes: Int

    var base: UnsafeRawPointer { UnsafeRawPointer(vectors) }
    var rowBytes: Int { dimension &* 4 }

    @inline(__always)
    func row(_ node: UInt32) -> UnsafeRawPointer { UnsafeRawPointer(vectors + Int(node) &* dimension) }

    @inline(__always)
    func distance(to row: UnsafeRawPointer) -> Float {
        K.distance(query, row.assumingMemoryBound(to: Float.self), dimension)
    }
}

struct ScalarTraversal: TraversalDistance {
    let terms: ScalarQueryTerms
    let query: UnsafePointer<Int8>
    let codes: UnsafeRawPointer
    let stride: Int
    let dimension: Int
    /// Byte offset of the row's float correction, or nil when rows have none.
    let correctionOffset: Int?
    let regionBytes: Int

    var base: UnsafeRawPointer { codes }
    var rowBytes: Int { stride }

    @inline(__always)
    func row(_ node: UInt32) -> UnsafeRawPointer { codes + Int(node) &* stride }

    @inline(__always)
    func distance(to row: UnsafeRawPointer) -> Float {
        let correction = correctionOffset.map { row.loadUnaligned(fromByteOffset: $0, as: Float.self) } ?? 0
        return ScalarQuantizer.distance(terms, query: query, stored: row.assumingMemoryBound(to: Int8.self),
                                        correction: correction, dimension: dimension)
    }
}

struct BinaryTraversal: TraversalDistance {
    let query: UnsafePointer<UInt64>
    let bits: UnsafeRawPointer
    let words: Int
    let regionBytes: Int

    var base: UnsafeRawPointer { bits }
    var rowBytes: Int { words &* 8 }

    @inline(__always)
    func row(_ node: UInt32) -> UnsafeRawPointer { bits + Int(node) &* (words &* 8) }

    @inline(__always)
    func distance(to row: UnsafeRawPointer) -> Float {
        Float(BinaryDistance.hamming(query, row.assumingMemoryBound(to: UInt64.self), words))
    }
}
