/// What one search (or the sum of many) cost, counted exactly.
///
/// `distanceEvaluations` and `visitedNodes` are hnswlib's `metric_distance_computations`
/// and `metric_hops`-style counters. The page counters are the distinct 4 KiB
/// and 2 MiB pages of the vector and level-0 link regions that the search
/// read — the working set a TLB has to cover, measured without a PMU. They are
/// counted by address, so a mapped index reports the pages of its mapping.
public struct SearchStatistics: Sendable, Codable, Equatable {
    public var queries: Int = 0
    public var distanceEvaluations: Int = 0
    public var visitedNodes: Int = 0
    public var expandedNodes: Int = 0
    public var vectorPages4K: Int = 0
    public var vectorPages2M: Int = 0
    public var linkPages4K: Int = 0
    public var linkPages2M: Int = 0
    /// f32 vectors read to rescore a quantized search's candidates (not in
    /// `distanceEvaluations`, which counts the traversal's, nor in the page
    /// counts, which are those of the traversed region).
    public var rescoredVectors: Int = 0

    public init() {}

    public var pagesTouched4K: Int { vectorPages4K + linkPages4K }
    public var pagesTouched2M: Int { vectorPages2M + linkPages2M }

    public static func += (lhs: inout SearchStatistics, rhs: SearchStatistics) {
        lhs.queries += rhs.queries
        lhs.distanceEvaluations += rhs.distanceEvaluations
        lhs.visitedNodes += rhs.visitedNodes
        lhs.expandedNodes += rhs.expandedNodes
        lhs.vectorPages4K += rhs.vectorPages4K
        lhs.vectorPages2M += rhs.vectorPages2M
        lhs.linkPages4K += rhs.linkPages4K
        lhs.linkPages2M += rhs.linkPages2M
        lhs.rescoredVectors += rhs.rescoredVectors
    }

    /// Mean of each counter per query (0 queries gives nil, not zero).
    public func perQuery(_ keyPath: KeyPath<SearchStatistics, Int>) -> Double? {
        queries > 0 ? Double(self[keyPath: keyPath]) / Double(queries) : nil
    }
}

/// Receives the events of a traversal. Search is generic over its recorder so
/// that `NoSearchRecorder` compiles to nothing and statistics cost only what
/// `PageSearchRecorder` does.
///
/// `evaluated` reports a vector read for a distance, `expanded` a level-0
/// link list taken for expansion (its whole slot, for page statistics);
/// `touched` reports every other read of index memory, with the bytes
/// actually read: link lists (their count word and used slots), upper-level
/// link blocks and the pointer to them, visited marks, labels.
protocol SearchRecorder {
    mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int)
    mutating func expanded(links address: UnsafeRawPointer, bytes: Int)
    mutating func visited()
    mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind)
    /// An f32 vector read to rescore a quantized search's candidate.
    mutating func rescored(vector address: UnsafeRawPointer, bytes: Int)
}

struct NoSearchRecorder: SearchRecorder {
    @inline(__always) mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int) {}
    @inline(__always) mutating func expanded(links address: UnsafeRawPointer, bytes: Int) {}
    @inline(__always) mutating func visited() {}
    @inline(__always) mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind) {}
    @inline(__always) mutating func rescored(vector address: UnsafeRawPointer, bytes: Int) {}
}

struct PageSearchRecorder: SearchRecorder {
    var statistics = SearchStatistics()
    let marks: PageMarks
    let tag: UInt16

    init(marks: PageMarks, tag: UInt16) {
        self.marks = marks
        self.tag = tag
    }

    @inline(__always)
    private func mark(_ start: UInt, _ end: UInt, base: UInt, shift: UInt, offset: Int) -> Int {
        var fresh = 0
        var page = (start >> shift) &- (base >> shift)
        let last = (end >> shift) &- (base >> shift)
        while page <= last {
            let slot = marks.marks + offset + Int(page)
            if slot.pointee != tag { slot.pointee = tag; fresh &+= 1 }
            page &+= 1
        }
        return fresh
    }

    @inline(__always)
    mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int) {
        statistics.distanceEvaluations &+= 1
        let start = UInt(bitPattern: address), end = start &+ UInt(bytes) &- 1
        let base = marks.geometry.vectorBase
        statistics.vectorPages4K &+= mark(start, end, base: base, shift: 12, offset: 0)
        statistics.vectorPages2M &+= mark(start, end, base: base, shift: 21, offset: marks.vector2MOffset)
    }

    @inline(__always)
    mutating func expanded(links address: UnsafeRawPointer, bytes: Int) {
        statistics.expandedNodes &+= 1
        let start = UInt(bitPattern: address), end = start &+ UInt(bytes) &- 1
        let base = marks.geometry.linkBase
        statistics.linkPages4K &+= mark(start, end, base: base, shift: 12, offset: marks.link4KOffset)
        statistics.linkPages2M &+= mark(start, end, base: base, shift: 21, offset: marks.link2MOffset)
    }

    @inline(__always)
    mutating func visited() { statistics.visitedNodes &+= 1 }

    @inline(__always)
    mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind) {}

    @inline(__always)
    mutating func rescored(vector address: UnsafeRawPointer, bytes: Int) { statistics.rescoredVectors &+= 1 }
}
