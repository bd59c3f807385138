import VectorCore

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

    @inline(__always)
    func prefetchRows(of ids: UnsafePointer<UInt32>, count: Int, marks: UnsafePointer<UInt16>, tag: UInt16) {
        prefetchUnseenRows(of: ids, count: count, marks: marks, tag: tag)
    }
}
