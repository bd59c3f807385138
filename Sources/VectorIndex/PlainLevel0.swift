import CLinuxShims

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
