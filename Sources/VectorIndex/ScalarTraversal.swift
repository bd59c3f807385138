import VectorCore

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
