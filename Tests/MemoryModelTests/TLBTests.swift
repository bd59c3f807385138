import Testing
@testable import MemoryModel

@Suite struct TLBTests {
    typealias G = TestGeometry

    @Test func strideOverMorePagesThanEntriesMissesEveryTime() throws {
        // 16 pages cycled through an 8-entry L1 (4 sets × 2 ways): each set
        // sees 4 pages in turn, LRU keeps 2, so every access misses.
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        let pages = (0..<16).map { G.base + UInt($0) * G.page4K }
        try model.operation(0, reads: pages)
        model.resetStatistics()
        for round in 1...3 { try model.operation(round, reads: pages) }
        let total = model.statistics.total
        #expect(total.l1dTLB4K.hits == 0)
        #expect(total.l1dTLB4K.misses == 48)
        #expect(total.pageWalks == 48)
    }

    @Test func pagesWithinReachHitAfterWarmUp() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        let pages = (0..<8).map { G.base + UInt($0) * G.page4K }
        try model.operation(0, reads: pages)
        #expect(model.statistics.total.l1dTLB4K.misses == 8)
        model.resetStatistics()
        try model.operation(1, reads: pages)
        #expect(model.statistics.total.l1dTLB4K == HitMiss(hits: 8, misses: 0))
        #expect(model.statistics.total.pageWalks == 0)
    }

    @Test func waysPlusOnePagesInOneSetThrashWaysPagesDoNot() throws {
        // Pages 0, 4, 8 map to set 0 of the 4-set L1.
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        let two = [0, 4].map { G.base + UInt($0) * G.page4K }
        let three = [0, 4, 8].map { G.base + UInt($0) * G.page4K }
        try model.operation(0, reads: two)
        model.resetStatistics()
        for round in 1...4 { try model.operation(round, reads: two) }
        #expect(model.statistics.total.l1dTLB4K.misses == 0)
        model.resetStatistics()
        for round in 5...8 { try model.operation(round, reads: three) }
        // The first round brings page 8 in (1 miss, evicting 0); after that all miss.
        #expect(model.statistics.total.l1dTLB4K.hits == 2)
        #expect(model.statistics.total.l1dTLB4K.misses == 10)
    }

    @Test func lruEvictsTheLeastRecentlyUsedWay() throws {
        let tlb = TLBHierarchy(geometry: G.tiny())
        // Set 0 pages: 0, 4, 8. Touch 0, 4, then 0 again: 4 is least recent.
        for page: UInt64 in [0, 4, 0] { _ = tlb.translate(page: page, tag: 1, size: .size4K) }
        #expect(tlb.l1Contents(page: 0, size: .size4K) == [0, 4])
        _ = tlb.translate(page: 8, tag: 1, size: .size4K)
        #expect(tlb.l1Contents(page: 0, size: .size4K) == [8, 0])
        #expect(tlb.translate(page: 0, tag: 1, size: .size4K) == .l1Hit)
        #expect(tlb.translate(page: 4, tag: 1, size: .size4K) == .walk)
    }

    @Test func hugePagesReachWhatSmallPagesCannot() throws {
        // 4 MiB read every 4 KiB: 1,024 small pages miss an 8-entry L1 every
        // time; as two 2 MiB pages they hit after the first touch.
        let addresses = stride(from: G.base, to: G.base + 2 * G.page2M, by: Int(G.page4K)).map { $0 }
        let small = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        try small.operation(0, reads: addresses)
        small.resetStatistics()
        try small.operation(1, reads: addresses)
        #expect(small.statistics.total.l1dTLB4K.misses == 1024)
        #expect(small.statistics.total.l1dTLB2M.lookups == 0)

        let huge = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        try huge.registerRegion(base: G.base, length: Int(2 * G.page2M), pageSize: .size2M)
        try huge.operation(0, reads: addresses)
        #expect(huge.statistics.total.l1dTLB2M.misses == 2)
        huge.resetStatistics()
        try huge.operation(1, reads: addresses)
        #expect(huge.statistics.total.l1dTLB2M == HitMiss(hits: 1024, misses: 0))
        #expect(huge.statistics.total.l1dTLB4K.lookups == 0)
    }

    @Test func defaultPageSizeAppliesOutsideRegions() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal, defaultPageSize: .size2M)
        try model.registerRegion(base: G.base, length: Int(G.page2M), pageSize: .size4K)
        try model.operation(0, reads: [G.base, G.base + G.page2M])
        #expect(model.statistics.total.l1dTLB4K.misses == 1)
        #expect(model.statistics.total.l1dTLB2M.misses == 1)
    }

    @Test func secondLevelTLBCatchesFirstLevelMisses() throws {
        // 16 pages: beyond the 8-entry L1, within a 32-entry STLB.
        let geometry = G.tiny(stlb: [TLBArrayGeometry(entries: 32, ways: 4, pageSizes: [.size4K, .size2M])])
        let model = try MemoryModel(cpu: geometry, cores: 1, pcid: .ideal)
        let pages = (0..<16).map { G.base + UInt($0) * G.page4K }
        try model.operation(0, reads: pages)
        #expect(model.statistics.total.pageWalks == 16)
        model.resetStatistics()
        try model.operation(1, reads: pages)
        let total = model.statistics.total
        #expect(total.l1dTLB4K.misses == 16)
        #expect(total.stlb == HitMiss(hits: 16, misses: 0))
        #expect(total.pageWalks == 0)
    }

    @Test func anAccessSpanningPagesTranslatesEach() throws {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: .ideal)
        try model.begin(operation: 0, core: 0, addressSpace: 0)
        model.access(address: G.base + G.page4K - 64, bytes: 128, kind: .vector)
        model.end()
        let total = model.statistics.total
        #expect(total.l1dTLB4K.misses == 2)
        #expect(total.l1d.lookups == 2)
        #expect(total.accesses == 1)
    }
}
