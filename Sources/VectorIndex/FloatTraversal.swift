import VectorCore

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
