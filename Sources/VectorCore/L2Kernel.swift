public enum L2Kernel: DistanceKernel {
    @inlinable public static var metric: Metric { .l2 }
    @inlinable @inline(__always)
    public static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
        Distance.squaredL2(a, b, dimension)
    }
}
