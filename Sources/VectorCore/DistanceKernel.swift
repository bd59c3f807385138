/// A distance function specialised at compile time: search and build loops are
/// generic over `DistanceKernel`, so the metric is chosen once per call and the
/// kernel inlines into the traversal (no closure or witness call per distance).
public protocol DistanceKernel: Sendable {
    static var metric: Metric { get }
    static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float
}
