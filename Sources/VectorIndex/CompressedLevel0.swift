import CLinuxShims

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
