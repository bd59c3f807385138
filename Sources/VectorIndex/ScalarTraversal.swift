import VectorCore

/// Distances from a prepared int8 query to int8 rows, generic over the
/// distance's form so that each search specialises to one straight kernel
/// call: no per-distance switch on the form and no optional correction.
struct ScalarTraversal<Form: ScalarDistanceForm>: TraversalDistance {
    let terms: ScalarQueryTerms
    let query: UnsafePointer<Int8>
    let codes: UnsafeRawPointer
    let stride: Int
    let dimension: Int
    /// Byte offset of the row's float correction (read only by
    /// `CorrectedDotForm`).
    let correctionOffset: Int
    let regionBytes: Int

    var base: UnsafeRawPointer { codes }
    var rowBytes: Int { stride }

    @inline(__always)
    func row(_ node: UInt32) -> UnsafeRawPointer { codes + Int(node) &* stride }

    @inline(__always)
    func distance(to row: UnsafeRawPointer) -> Float { Form.distance(self, row) }

    @inline(__always)
    func prefetchRows(of ids: UnsafePointer<UInt32>, count: Int, marks: UnsafePointer<UInt16>, tag: UInt16) {
        prefetchUnseenRows(of: ids, count: count, marks: marks, tag: tag)
    }
}

/// One of the three shapes of `ScalarQuantizer.distance`.
protocol ScalarDistanceForm {
    static func distance(_ traversal: ScalarTraversal<Self>, _ row: UnsafeRawPointer) -> Float
}

/// `scale · Σ (qᵢ − cᵢ)²` (l2, global range).
enum CodeL2Form: ScalarDistanceForm {
    @inline(__always)
    static func distance(_ t: ScalarTraversal<Self>, _ row: UnsafeRawPointer) -> Float {
        t.terms.scale * Float(Int8Distance.squaredL2(t.query, row.assumingMemoryBound(to: Int8.self), t.dimension))
    }
}

/// `constant − scale · Σ vᵢ cᵢ` (ip and cosine).
enum DotForm: ScalarDistanceForm {
    @inline(__always)
    static func distance(_ t: ScalarTraversal<Self>, _ row: UnsafeRawPointer) -> Float {
        t.terms.constant - t.terms.scale * Float(Int8Distance.dot(t.query, row.assumingMemoryBound(to: Int8.self), t.dimension))
    }
}

/// `constant + correction − scale · Σ vᵢ cᵢ` (l2, per-dimension range: the
/// row carries its correction).
enum CorrectedDotForm: ScalarDistanceForm {
    @inline(__always)
    static func distance(_ t: ScalarTraversal<Self>, _ row: UnsafeRawPointer) -> Float {
        let correction = row.loadUnaligned(fromByteOffset: t.correctionOffset, as: Float.self)
        return t.terms.constant + correction
            - t.terms.scale * Float(Int8Distance.dot(t.query, row.assumingMemoryBound(to: Int8.self), t.dimension))
    }
}
