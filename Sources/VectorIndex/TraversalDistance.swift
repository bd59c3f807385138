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
