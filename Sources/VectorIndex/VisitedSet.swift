/// Marks of which nodes (and which memory pages) one traversal has seen.
///
/// A mark is "seen" when it equals the set's current generation tag, so
/// starting a new traversal is one increment instead of clearing the array —
/// hnswlib's `VisitedList`. On wrap-around every array is zeroed once.
///
/// Alongside node marks it keeps page marks for the vector and level-0 link
/// regions at 4 KiB and 2 MiB granularity: the distinct pages a query touches,
/// counted exactly and deterministically (a TLB working-set proxy that needs no
/// PMU). Page arrays are allocated on first use, so searches that do not
/// collect statistics pay nothing for them.
final class VisitedSet: @unchecked Sendable {
    let capacity: Int
    private(set) var tag: UInt16 = 0
    let nodeMarks: UnsafeMutablePointer<UInt16>
    private(set) var pageMarks: PageMarks?
    /// Storage lent to each traversal's `CandidateList`, kept between
    /// traversals so a warm search allocates nothing.
    private var candidateStorage: UnsafeMutablePointer<CandidateList.Entry>
    private var candidateCapacity = 0

    init(capacity: Int) {
        self.capacity = capacity
        nodeMarks = .allocate(capacity: max(capacity, 1))
        nodeMarks.initialize(repeating: 0, count: max(capacity, 1))
        candidateStorage = .allocate(capacity: 1)
        candidateCapacity = 1
    }

    deinit {
        nodeMarks.deallocate()
        candidateStorage.deallocate()
    }

    /// Runs one layer traversal's `body` with an empty candidate list for
    /// `ef`, over this set's storage (grown as needed and kept afterwards).
    @inline(__always)
    func withCandidateList<Result>(ef: Int, _ body: (inout CandidateList) throws -> Result) rethrows -> Result {
        if candidateCapacity < ef &+ 1 {
            candidateStorage.deallocate()
            candidateCapacity = max(ef &+ 1, candidateCapacity &* 2)
            candidateStorage = .allocate(capacity: candidateCapacity)
        }
        var list = CandidateList(ef: ef, storage: candidateStorage, capacity: candidateCapacity)
        defer {
            candidateStorage = list.entries
            candidateCapacity = list.capacity
        }
        return try body(&list)
    }

    /// Begins a traversal: every node and page reads as unseen.
    @inline(__always)
    func startTraversal() {
        tag &+= 1
        if tag == 0 {
            nodeMarks.update(repeating: 0, count: max(capacity, 1))
            pageMarks?.clear()
            tag = 1
        }
    }

    /// Page-mark arrays for the given region geometry, allocated on first use
    /// (or again if the geometry changed).
    func pageMarks(for geometry: PageGeometry) -> PageMarks {
        if let marks = pageMarks, marks.geometry == geometry { return marks }
        let marks = PageMarks(geometry: geometry)
        pageMarks = marks
        return marks
    }
}
