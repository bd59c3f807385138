/// The working set of one layer traversal: the best candidates found so far,
/// kept sorted nearest first, with a cursor at the nearest one not expanded
/// yet — DiskANN's `NeighborPriorityQueue`, extended with hnswlib's handling
/// of excluded (deleted) nodes.
///
/// hnswlib keeps two heaps: a frontier of every admitted node (a min-heap)
/// and the best `ef` results (a max-heap). A node evicted from the results is
/// never expanded afterwards, because by then `ef` nodes nearer than it are
/// held and the walk stops before reaching it; so the frontier that matters is
/// exactly the unexpanded part of the results. One sorted array therefore
/// does both jobs and visits nodes in the same order: an insertion is a binary
/// search plus one `memmove` of at most `ef` 12-byte entries, the next node to
/// expand is found by moving a cursor, and the result needs no final sort.
/// This is not a heap, so it is not swift-collections' `Heap`; for the `ef`
/// values HNSW uses (tens to hundreds) it does fewer and cheaper operations
/// than two heaps.
///
/// Excluded nodes are admitted and expanded like any other (the graph stays
/// connected through them) but do not count towards `ef`: the list holds up
/// to `ef` allowed entries plus the excluded ones nearer than the `ef`-th
/// allowed, which is what hnswlib's frontier expands.
///
/// Storage is borrowed from a `VisitedSet` (see `withCandidateList`), so a
/// search allocates nothing once its pool is warm.
struct CandidateList {
    struct Entry {
        var distance: Float
        var id: UInt32
        var isExpanded: Bool
        var isExcluded: Bool
    }

    private(set) var entries: UnsafeMutablePointer<Entry>
    private(set) var capacity: Int
    /// How many entries are held, allowed and excluded.
    private(set) var count = 0
    /// How many held entries are allowed.
    private(set) var allowedCount = 0
    let ef: Int
    /// Every entry before it is expanded; an entry inserted at or before it
    /// is the next one `nextToExpand` returns.
    private(set) var cursor = 0

    /// Takes over `storage` (of `capacity` entries, may be reallocated while
    /// growing); the owner gets it back through `storage`.
    init(ef: Int, storage: UnsafeMutablePointer<Entry>, capacity: Int) {
        precondition(ef >= 1 && capacity >= 1)
        self.ef = ef
        entries = storage
        self.capacity = capacity
    }

    /// The distance a new allowed node must beat to be admitted: the `ef`-th
    /// allowed entry's, or infinity while fewer are held.
    @inline(__always)
    var bound: Float { allowedCount >= ef ? entries[count &- 1].distance : .infinity }

    /// Admits a node if it can still be among the `ef` nearest allowed ones.
    /// Returns the position it took, or nil if it was refused.
    @inline(__always) @discardableResult
    mutating func insert(distance: Float, id: UInt32, excluded: Bool = false) -> Int? {
        if allowedCount >= ef && !(distance < entries[count &- 1].distance) { return nil }
        if count == capacity { grow() }
        // After equal distances, so ties keep their arrival order.
        var low = 0, high = count
        while low < high {
            let middle = (low &+ high) >> 1
            if entries[middle].distance <= distance { low = middle &+ 1 } else { high = middle }
        }
        let moved = count &- low
        if moved > 0 {
            let source = entries + low
            let byteCount = moved &* MemoryLayout<Entry>.stride
            UnsafeMutableRawPointer(source + 1).copyMemory(from: UnsafeRawPointer(source), byteCount: byteCount)
        }
        entries[low] = Entry(distance: distance, id: id, isExpanded: false, isExcluded: excluded)
        count &+= 1
        if low < cursor { cursor = low }
        if !excluded {
            allowedCount &+= 1
            if allowedCount >= ef { trimToBound() }
        }
        return low
    }

    /// The nearest unexpanded entry, now marked expanded; nil when every
    /// entry is expanded — the traversal's end.
    @inline(__always)
    mutating func nextToExpand() -> Entry? {
        while cursor < count && entries[cursor].isExpanded { cursor &+= 1 }
        guard cursor < count else { return nil }
        entries[cursor].isExpanded = true
        let entry = entries[cursor]
        cursor &+= 1
        return entry
    }

    /// Calls `body` with the allowed entries, nearest first, until it returns
    /// false.
    func forEachAllowed(_ body: (Entry) -> Bool) {
        for position in 0..<count where !entries[position].isExcluded {
            if !body(entries[position]) { return }
        }
    }

    /// At least `ef` allowed entries are held: keep only the `ef` nearest
    /// allowed ones, and drop every excluded entry behind the worst of them —
    /// none of these can be expanded any more (hnswlib's walk stops before
    /// reaching them), so keeping them would walk further than hnswlib does.
    @inline(__always)
    private mutating func trimToBound() {
        if allowedCount > ef {
            repeat { count &-= 1 } while entries[count].isExcluded
            allowedCount &-= 1
        }
        while entries[count &- 1].isExcluded { count &-= 1 }
        if cursor > count { cursor = count }
    }

    /// Only with exclusions can the list outgrow `ef + 1` entries.
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = larger
        capacity *= 2
    }
}
