/// The data TLBs of one core: first-level arrays and the second-level TLB,
/// built from a `CPUGeometry`, each array LRU per set (`LRUSetArray`).
///
/// A translation of page P (size s) under hardware tag t looks P up in the
/// L1 array for s; on a miss in the STLB array for s, if one holds s; a miss
/// there (or no such array) is a page walk. A walk fills the STLB and the L1
/// array; an STLB hit fills the L1 array. Arrays are not inclusive of each
/// other and an eviction from one does not touch the other (as on Intel and
/// AMD cores, whose STLB is a victim-ish second level, not enforced inclusive).
///
/// Entry tag layout (64 bits): page number (bits 0–35, the 48-bit virtual
/// address shifted by the page size), hardware tag (bits 36–61), page size
/// (bit 62). Arrays that hold both sizes keep them apart by bit 62; the set
/// is picked by page number alone.
final class TLBHierarchy {
    enum Outcome { case l1Hit, stlbHit, walk }

    static let pageNumberBits: UInt64 = 36
    static let tagLimit = 1 << 26

    /// Per page size: its L1 array and its STLB array (nil: none holds it).
    private let l1Small: LRUSetArray, l1Large: LRUSetArray
    private let stlbSmall: LRUSetArray?, stlbLarge: LRUSetArray?
    private let arrays: [LRUSetArray]

    init(geometry: CPUGeometry) {
        var built: [LRUSetArray] = []
        func make(_ arrays: [TLBArrayGeometry]) -> [PageSize: LRUSetArray] {
            var map: [PageSize: LRUSetArray] = [:]
            for array in arrays {
                let storage = LRUSetArray(sets: array.sets, ways: array.ways)
                built.append(storage)
                for size in array.pageSizes { map[size] = storage }
            }
            return map
        }
        let first = make(geometry.firstLevelTLB)
        let second = make(geometry.secondLevelTLB)
        l1Small = first[.size4K]!
        l1Large = first[.size2M]!
        stlbSmall = second[.size4K]
        stlbLarge = second[.size2M]
        arrays = built
    }

    @inline(__always)
    static func entry(page: UInt64, tag: UInt64, size: PageSize) -> UInt64 {
        (page & ((1 << pageNumberBits) &- 1)) | (tag << pageNumberBits) | (size == .size2M ? 1 << 62 : 0)
    }

    @inline(__always)
    static func tag(ofEntry entry: UInt64) -> UInt64 { (entry >> pageNumberBits) & UInt64(tagLimit - 1) }

    /// Translates page `page` (address >> size.shift) under hardware tag `tag`.
    @inline(__always)
    func translate(page: UInt64, tag: UInt64, size: PageSize) -> Outcome {
        let entry = Self.entry(page: page, tag: tag, size: size)
        let l1 = size == .size4K ? l1Small : l1Large
        if l1.lookup(entry, index: page) { return .l1Hit }
        if let stlb = size == .size4K ? stlbSmall : stlbLarge {
            if stlb.lookup(entry, index: page) {
                l1.insert(entry, index: page)
                return .stlbHit
            }
            stlb.insert(entry, index: page)
        }
        l1.insert(entry, index: page)
        return .walk
    }

    /// Drops every entry of the core (a CR3 write without PCID).
    func flushAll() { for array in arrays { array.removeAll() } }

    /// Drops the entries of one hardware tag (a PCID reused for another address space).
    func flush(tag: UInt64) { for array in arrays { array.remove { Self.tag(ofEntry: $0) == tag } } }

    /// Valid entries over all arrays (for tests).
    var occupancy: Int { arrays.reduce(0) { $0 + $1.occupancy } }

    /// The L1 array's entries in the set of `page`, most recently used first (for tests).
    func l1Contents(page: UInt64, size: PageSize) -> [UInt64] {
        (size == .size4K ? l1Small : l1Large).contents(index: page).map { $0 & ((1 << Self.pageNumberBits) - 1) }
    }
}
