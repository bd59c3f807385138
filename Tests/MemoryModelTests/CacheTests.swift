import Testing
@testable import MemoryModel

@Suite struct CacheTests {
    typealias G = TestGeometry

    @Test func waysPlusOneLinesInOneL1SetThrashWaysLinesDoNot() throws {
        // The tiny L1D has 4 sets of 2 ways: lines 256 bytes apart share a set.
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        let two = [G.base, G.base + 256]
        let three = [G.base, G.base + 256, G.base + 512]
        try model.operation(0, reads: two)
        model.resetStatistics()
        try model.operation(1, reads: two + two)
        #expect(model.statistics.total.l1d == HitMiss(hits: 4, misses: 0))
        try model.operation(2, reads: three)
        model.resetStatistics()
        try model.operation(3, reads: three + three)
        #expect(model.statistics.total.l1d == HitMiss(hits: 0, misses: 6))
        // They all still fit in the L2 (8 sets of 4 ways).
        #expect(model.statistics.total.l2 == HitMiss(hits: 6, misses: 0))
    }

    @Test func theLLCIsSharedByTheModelsCores() throws {
        let model = try MemoryModel(cpu: G.tiny(llcSharing: 2), cores: 2, pcid: .ideal)
        let lines = (0..<4).map { G.base + UInt($0) * 64 }
        try model.operation(0, core: 0, space: 0, reads: lines)
        model.resetStatistics()
        try model.operation(1, core: 1, space: 0, reads: lines)
        let total = model.statistics.total
        #expect(total.l1d.misses == 4)
        #expect(total.l2.misses == 4)
        #expect(total.llc == HitMiss(hits: 4, misses: 0))
    }

    @Test func privatePagesOfTwoAddressSpacesAreDistinctMemory() throws {
        let model = try MemoryModel(cpu: G.tiny(llcSharing: 2), cores: 2, pcid: .ideal)
        let lines = (0..<4).map { G.base + UInt($0) * 64 }
        try model.operation(0, core: 0, space: 0, reads: lines)
        model.resetStatistics()
        try model.operation(1, core: 1, space: 1, reads: lines)
        #expect(model.statistics.total.llc == HitMiss(hits: 0, misses: 4))
    }

    @Test func aSharedRegionIsOneCopyWhereverItIsMapped() throws {
        let model = try MemoryModel(cpu: G.tiny(llcSharing: 2), cores: 2, pcid: .ideal)
        try model.registerRegion(base: G.base, length: 4096, pageSize: .size4K, addressSpace: 0, sharedMemory: 7)
        try model.registerRegion(base: G.base + 0x10_0000, length: 4096, pageSize: .size4K, addressSpace: 1, sharedMemory: 7)
        try model.operation(0, core: 0, space: 0, reads: (0..<4).map { G.base + UInt($0) * 64 })
        model.resetStatistics()
        try model.operation(1, core: 1, space: 1, reads: (0..<4).map { G.base + 0x10_0000 + UInt($0) * 64 })
        #expect(model.statistics.total.llc == HitMiss(hits: 4, misses: 0))
    }

    @Test func countersAreKeptPerKind() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        try model.begin(operation: 0, core: 0, addressSpace: 0)
        model.access(address: G.base, bytes: 256, kind: .vector)
        model.access(address: G.base + 8192, bytes: 2, kind: .visitedMark)
        model.end()
        let statistics = model.statistics
        #expect(statistics[.vector].l1d.misses == 4)
        #expect(statistics[.visitedMark].l1d.misses == 1)
        #expect(statistics.total.l1d.misses == 5)
        #expect(statistics.operations == 1)
        #expect(statistics.missesPerOperation(\.l1d) == 5)
        #expect(statistics.total.l1dTLB4K.missRate == 1)
    }

    @Test func accessesOutsideAnOperationAreCountedAsDropped() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        model.access(address: G.base, bytes: 8, kind: .vector)
        #expect(model.statistics.droppedAccesses == 1)
        #expect(model.statistics.total.accesses == 0)
        #expect(model.statistics.perOperation(\.pageWalks) == nil)
    }

    @Test func sampleReplaysEveryNthOperationButAppliesEverySwitch() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .none, sample: 3)
        for operation in 0..<9 {
            try model.operation(operation, space: operation % 2, reads: [G.base])
        }
        let statistics = model.statistics
        #expect(statistics.operations == 3)
        #expect(statistics.skippedOperations == 6)
        #expect(statistics.addressSpaceSwitches == 8)
        #expect(statistics.fullFlushes == 8)
        #expect(statistics.total.accesses == 3)
        #expect(model.isSampled(operation: 6))
        #expect(!model.isSampled(operation: 7))
    }
}
