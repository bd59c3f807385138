/// A set-associative array of 64-bit tags with LRU replacement in each set:
/// the storage of every TLB array and cache in the model.
///
/// Each set keeps its ways ordered most recently used first; a hit moves the
/// tag to the front, a miss inserts at the front and drops the last (least
/// recently used) way. Keeping the order explicit makes hits on recently used
/// entries — the common case — cheap, and makes the LRU order observable.
///
/// The set of a tag is `index mod sets`; the caller supplies the index (a page
/// or line number) apart from the tag, so a tag can carry extra bits (address
/// space, page size) that must not pick the set. Set counts need not be a
/// power of two (Skylake's STLB has 128 sets, Zen 4's L2 DTLB 384); powers of
/// two are indexed by mask.
final class LRUSetArray {
    static let empty = UInt64.max

    let sets: Int
    let ways: Int
    private let mask: UInt64
    private let powerOfTwo: Bool
    private let slots: UnsafeMutablePointer<UInt64>

    init(sets: Int, ways: Int) {
        precondition(sets > 0 && ways > 0, "validated by the geometry")
        self.sets = sets
        self.ways = ways
        powerOfTwo = sets & (sets - 1) == 0
        mask = UInt64(sets - 1)
        slots = .allocate(capacity: sets * ways)
        slots.initialize(repeating: Self.empty, count: sets * ways)
    }

    deinit { slots.deallocate() }

    @inline(__always)
    private func setBase(_ index: UInt64) -> UnsafeMutablePointer<UInt64> {
        let set = powerOfTwo ? Int(truncatingIfNeeded: index & mask) : Int(truncatingIfNeeded: index % UInt64(sets))
        return slots + set &* ways
    }

    /// Looks `tag` up; a hit makes it the most recently used. Nothing is
    /// inserted on a miss.
    @inline(__always)
    func lookup(_ tag: UInt64, index: UInt64) -> Bool {
        let set = setBase(index)
        var way = 0
        while way < ways {
            if set[way] == tag {
                var position = way
                while position > 0 { set[position] = set[position &- 1]; position &-= 1 }
                set[0] = tag
                return true
            }
            way &+= 1
        }
        return false
    }

    /// Inserts `tag` (known to be absent) as the most recently used,
    /// evicting the least recently used way of its set.
    @inline(__always)
    func insert(_ tag: UInt64, index: UInt64) {
        let set = setBase(index)
        var position = ways &- 1
        while position > 0 { set[position] = set[position &- 1]; position &-= 1 }
        set[0] = tag
    }

    /// Lookup, and on a miss insert: a cache access. Returns whether it hit.
    @inline(__always)
    func access(_ tag: UInt64, index: UInt64) -> Bool {
        if lookup(tag, index: index) { return true }
        insert(tag, index: index)
        return false
    }

    /// Drops every entry `predicate` selects (a PCID flush), keeping the
    /// order of the rest.
    func remove(where predicate: (UInt64) -> Bool) {
        for set in 0..<sets {
            let base = slots + set * ways
            var kept = 0
            for way in 0..<ways where base[way] != Self.empty && !predicate(base[way]) {
                base[kept] = base[way]
                kept += 1
            }
            for way in kept..<ways { base[way] = Self.empty }
        }
    }

    func removeAll() { slots.update(repeating: Self.empty, count: sets * ways) }

    /// The tags of the set `index` maps to, most recently used first.
    func contents(index: UInt64) -> [UInt64] {
        let set = setBase(index)
        return (0..<ways).map { set[$0] }.filter { $0 != Self.empty }
    }

    /// Number of valid entries (for tests and flush accounting).
    var occupancy: Int {
        var count = 0
        for slot in 0..<(sets * ways) where slots[slot] != Self.empty { count += 1 }
        return count
    }
}
