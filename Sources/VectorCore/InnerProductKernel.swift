/// Inner product as a distance, `1 − a·b` (hnswlib's convention).
public enum InnerProductKernel: DistanceKernel {
    @inlinable public static var metric: Metric { .innerProduct }
    @inlinable @inline(__always)
    public static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
        1 - Distance.dot(a, b, dimension)
    }
}
