import CLinuxShims
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
    /// Called once per expansion with the expanded node's neighbours, before
    /// any of their distances: a chance to start fetching the rows of those
    /// not yet seen (`marks[id] != tag`) all at once.
    func prefetchRows(of ids: UnsafePointer<UInt32>, count: Int, marks: UnsafePointer<UInt16>, tag: UInt16)
    /// Bytes a distance reads from the row.
    var rowBytes: Int { get }
    /// The region the rows live in, for page statistics.
    var base: UnsafeRawPointer { get }
    var regionBytes: Int { get }
}

extension TraversalDistance {
    /// By default the traversal's own one-ahead prefetch is all there is.
    @inline(__always)
    func prefetchRows(of ids: UnsafePointer<UInt32>, count: Int, marks: UnsafePointer<UInt16>, tag: UInt16) {}

    /// Fetches every cache line of the unseen neighbours' rows. For small
    /// rows (quantized codes) a distance takes a few nanoseconds, far less
    /// than a miss, so fetching one neighbour ahead hides little; asking for
    /// all of them at once lets their misses overlap.
    @inline(__always)
    func prefetchUnseenRows(of ids: UnsafePointer<UInt32>, count: Int, marks: UnsafePointer<UInt16>, tag: UInt16) {
        let last = rowBytes &- 1
        for slot in 0..<count {
            let id = ids[slot]
            if marks[Int(id)] == tag { continue }
            let start = row(id)
            var offset = 0
            while offset < last {
                vb_prefetch_read(start + offset)
                offset &+= 64
            }
            vb_prefetch_read(start + last)
        }
    }
}
