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
