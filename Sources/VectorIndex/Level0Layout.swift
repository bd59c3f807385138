import CLinuxShims

/// The level-0 lists a search expands, read through one of the two layouts.
/// Search is generic over it, so the plain layout compiles to the same loads
/// as before and the compressed one decodes into a per-search scratch list.
protocol Level0Layout {
    /// The neighbours of `node`, reported to `recorder` as one expansion:
    /// a pointer into the plain slots, or `scratch` (≥ m0 ids) after decoding.
    func expand<R: SearchRecorder>(
        _ node: UInt32, scratch: UnsafeMutablePointer<UInt32>, recorder: inout R
    ) -> (ids: UnsafePointer<UInt32>, degree: Int)
    /// Starts fetching `node`'s list.
    func prefetch(_ node: UInt32)
    /// The region the lists live in, for page statistics.
    var base: UnsafeRawPointer { get }
    var regionBytes: Int { get }
}
