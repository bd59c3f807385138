/// L1D and L2 per core and one LLC shared by the model's cores, each
/// set-associative with 64-byte lines and LRU per set (`LRUSetArray`).
///
/// Fill policy: a line that misses a level is filled into that level and all
/// above it on the way back (L1D, L2, LLC); an eviction from one level does
/// not invalidate the others. This is neither strictly inclusive nor
/// exclusive (it is what Cachegrind models), so the L2-and-LLC victim
/// behaviour of Zen's L3 and Skylake-SP's non-inclusive LLC is approximated,
/// not reproduced.
///
/// Caches are physically tagged. The model's "physical" line is
/// (namespace, line number): each address space's private pages are
/// distinct physical memory (namespace = address space + 1); a region
/// registered as shared maps every address space to one namespace, by offset
/// in the region. The set is picked from the line number plus a per-namespace
/// offset in whole 4 KiB frames, so two processes with the same virtual
/// layout do not land on the same sets (their frames would differ) while
/// the set conflicts within one address space are those of its virtual
/// addresses.
final class CacheHierarchy {
    enum Level: Int { case l1d = 0, l2, llc, memory }

    static let lineNumberBits: UInt64 = 42
    static let namespaceLimit = 1 << 21

    let l1d: [LRUSetArray]
    let l2: [LRUSetArray]
    let llc: LRUSetArray

    init(geometry: CPUGeometry, cores: Int) {
        l1d = (0..<cores).map { _ in LRUSetArray(sets: geometry.l1d.sets, ways: geometry.l1d.ways) }
        l2 = (0..<cores).map { _ in LRUSetArray(sets: geometry.l2.sets, ways: geometry.l2.ways) }
        let perCore = geometry.llc.sets / geometry.llc.sharingCores
        llc = LRUSetArray(sets: perCore * min(cores, geometry.llc.sharingCores), ways: geometry.llc.ways)
    }

    /// Per-namespace set offset, in lines, a multiple of 64 (one 4 KiB frame).
    @inline(__always)
    static func setOffset(namespace: UInt64) -> UInt64 {
        ((namespace &* 0x9E37_79B9_7F4A_7C15) >> 40) << 6
    }

    /// Accesses one line through a core's `l1d` and `l2`; returns the level that held it.
    @inline(__always)
    func access(line: UInt64, namespace: UInt64, setOffset: UInt64, l1d: LRUSetArray, l2: LRUSetArray) -> Level {
        let tag = (line & ((1 << Self.lineNumberBits) &- 1)) | (namespace << Self.lineNumberBits)
        let index = line &+ setOffset
        if l1d.access(tag, index: index) { return .l1d }
        if l2.access(tag, index: index) { return .l2 }
        if llc.access(tag, index: index) { return .llc }
        return .memory
    }
}
