import VectorCore

extension BruteForceIndex {
    /// Replaces the vector at row `index` (normalised for cosine, as `add`
    /// stores it); the id stays. Refuses a wrong dimension or a non-finite
    /// component (nothing changes then).
    public mutating func replaceVector(at index: Int, with vector: [Float]) throws(VectorValidationError) {
        try VectorValidation.check(vector, dimension: dimension)
        let start = index * dimension
        vectors.replaceSubrange(start..<start + dimension, with: vector)
        if metric.normalizesVectors {
            vectors.withUnsafeMutableBufferPointer { Distance.normalize($0.baseAddress! + start, dimension) }
        }
    }

    /// Removes row `index` by moving the last row into its place (order is
    /// not kept; search results do not depend on it). Returns the id now at
    /// `index`, or nil when the removed row was the last.
    @discardableResult
    public mutating func removeBySwappingLast(at index: Int) -> UInt64? {
        let last = ids.count - 1
        precondition(index >= 0 && index <= last, "row \(index) of \(ids.count)")
        var moved: UInt64?
        if index != last {
            ids[index] = ids[last]
            vectors.withUnsafeMutableBufferPointer { rows in
                let base = rows.baseAddress!
                (base + index * dimension).update(from: base + last * dimension, count: dimension)
            }
            moved = ids[index]
        }
        ids.removeLast()
        vectors.removeLast(dimension)
        return moved
    }

    /// The distance from `query` to the stored row `index`, computed as
    /// `search` computes it (query normalised for cosine), so a result judged
    /// against this index's ground truth is compared like for like.
    public func distance(from query: [Float], toRowAt index: Int) throws(VectorValidationError) -> Float {
        try VectorValidation.check(query, dimension: dimension)
        var prepared = query
        if metric.normalizesVectors {
            prepared.withUnsafeMutableBufferPointer { Distance.normalize($0.baseAddress!, dimension) }
        }
        return prepared.withUnsafeBufferPointer { q in
            vectors.withUnsafeBufferPointer { rows in
                metric.distance(q.baseAddress!, rows.baseAddress! + index * dimension, dimension)
            }
        }
    }
}
