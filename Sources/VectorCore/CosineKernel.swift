/// Cosine distance over vectors already normalised on insert: `1 − a·b`.
public enum CosineKernel: DistanceKernel {
    @inlinable public static var metric: Metric { .cosine }
    @inlinable @inline(__always)
    public static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
        1 - Distance.dot(a, b, dimension)
    }
}

extension Metric {
    /// The distance function for this metric, for code that is not generic.
    /// Hot loops should be generic over `DistanceKernel` instead.
    @inlinable
    public func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
        switch self {
        case .l2: return L2Kernel.distance(a, b, dimension)
        case .innerProduct: return InnerProductKernel.distance(a, b, dimension)
        case .cosine: return CosineKernel.distance(a, b, dimension)
        }
    }

    /// Distance between two arrays of equal length.
    public func distance(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "distance between vectors of dimension \(a.count) and \(b.count)")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                distance(pa.baseAddress!, pb.baseAddress!, a.count)
            }
        }
    }
}
