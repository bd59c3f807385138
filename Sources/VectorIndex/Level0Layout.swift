import CLinuxShims

/// How an index stores its level-0 link lists.
public enum LinkLayout: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Fixed slots of `m0 + 1` words, `[degree, ids…]` (hnswlib's layout);
    /// what an index built in RAM always has, since inserts rewrite lists.
    case plain
    /// Sorted, delta- and varint-encoded blocks (`CompressedLinks`); read-only.
    case compressed

    public var description: String { rawValue }
}

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

struct PlainLevel0: Level0Layout {
    let links: UnsafeMutablePointer<UInt32>
    let stride: Int
    let regionBytes: Int

    var base: UnsafeRawPointer { UnsafeRawPointer(links) }

    @inline(__always)
    func expand<R: SearchRecorder>(
        _ node: UInt32, scratch: UnsafeMutablePointer<UInt32>, recorder: inout R
    ) -> (ids: UnsafePointer<UInt32>, degree: Int) {
        let list = links + Int(node) &* stride
        recorder.expanded(links: list, bytes: stride &* 4)
        let degree = Int(list[0])
        recorder.touched(list, bytes: (degree &+ 1) &* 4, kind: .level0Links)
        return (UnsafePointer(list + 1), degree)
    }

    @inline(__always)
    func prefetch(_ node: UInt32) { vb_prefetch_read(links + Int(node) &* stride) }
}

struct CompressedLevel0: Level0Layout {
    let blocks: UnsafePointer<UInt8>
    let offsets: UnsafePointer<UInt64>
    let regionBytes: Int

    var base: UnsafeRawPointer { UnsafeRawPointer(blocks) }

    @inline(__always)
    func expand<R: SearchRecorder>(
        _ node: UInt32, scratch: UnsafeMutablePointer<UInt32>, recorder: inout R
    ) -> (ids: UnsafePointer<UInt32>, degree: Int) {
        let start = Int(truncatingIfNeeded: offsets[Int(node)])
        let bytes = Int(truncatingIfNeeded: offsets[Int(node) &+ 1]) &- start
        let block = blocks + start
        recorder.expanded(links: block, bytes: bytes)
        recorder.touched(block, bytes: bytes, kind: .level0Links)
        return (UnsafePointer(scratch), CompressedLinks.decode(block, into: scratch))
    }

    @inline(__always)
    func prefetch(_ node: UInt32) { vb_prefetch_read(blocks + Int(truncatingIfNeeded: offsets[Int(node)])) }
}
