import Testing
@testable import MemoryModel

@Suite struct PCIDTests {
    typealias G = TestGeometry

    /// `spaces` address spaces take turns on one core for `rounds` rounds,
    /// each reading its own page (pages in different L1 sets, so up to 8
    /// fit the tiny L1); statistics after the first (warm-up) round.
    func rotate(_ spaces: Int, pcid: PCIDMode, rounds: Int = 3) throws -> MemoryModelStatistics {
        let model = try MemoryModel(cpu: G.tiny(), cores: 1, pcid: pcid)
        var operation = 0
        for round in 0..<rounds {
            if round == 1 { model.resetStatistics() }
            for space in 0..<spaces {
                try model.operation(operation, space: space, reads: [G.base + UInt(space) * G.page4K])
                operation += 1
            }
        }
        return model.statistics
    }

    @Test func linuxKeepsSixAddressSpacesTagged() throws {
        let statistics = try rotate(6, pcid: .linux)
        #expect(statistics.pcidFlushes == 0)
        #expect(statistics.total.l1dTLB4K == HitMiss(hits: 12, misses: 0))
        #expect(statistics.addressSpaceSwitches == 12)
    }

    @Test func linuxFlushesEverySwitchAmongSeven() throws {
        let statistics = try rotate(7, pcid: .linux)
        #expect(statistics.pcidFlushes == 14)
        #expect(statistics.total.l1dTLB4K == HitMiss(hits: 0, misses: 14))
    }

    @Test func noneFlushesEverySwitch() throws {
        let statistics = try rotate(2, pcid: .none)
        #expect(statistics.fullFlushes == 4)
        #expect(statistics.total.l1dTLB4K == HitMiss(hits: 0, misses: 4))
    }

    @Test func idealNeverFlushes() throws {
        let statistics = try rotate(7, pcid: .ideal)
        #expect(statistics.fullFlushes == 0)
        #expect(statistics.pcidFlushes == 0)
        #expect(statistics.total.l1dTLB4K == HitMiss(hits: 14, misses: 0))
    }

    @Test func sameAddressSpaceIsNoSwitch() throws {
        let statistics = try rotate(1, pcid: .none)
        #expect(statistics.addressSpaceSwitches == 0)
        #expect(statistics.total.l1dTLB4K == HitMiss(hits: 2, misses: 0))
    }

    @Test func linuxHandsOutASIDsRoundRobinAsTheKernelDoes() {
        var tags = AddressSpaceTags(mode: .linux)
        for space in 0..<6 { _ = tags.switchTo(space) }
        // Space 0 is used again, then a seventh arrives: the kernel's next
        // ASID is 0, so space 0 loses its ASID although it ran last but one
        // (LRU would have taken space 1's).
        #expect(tags.switchTo(0) == .none)
        #expect(tags.switchTo(6) == .flushTag(1))
        #expect(tags.asidHolders == [6, 1, 2, 3, 4, 5])
        #expect(tags.switchTo(0) == .flushTag(2))
    }

    @Test func aFlushDropsOnlyThatTagsEntries() {
        let tlb = TLBHierarchy(geometry: G.tiny())
        _ = tlb.translate(page: 1, tag: 1, size: .size4K)
        _ = tlb.translate(page: 2, tag: 2, size: .size4K)
        tlb.flush(tag: 1)
        #expect(tlb.translate(page: 2, tag: 2, size: .size4K) == .l1Hit)
        #expect(tlb.translate(page: 1, tag: 1, size: .size4K) == .walk)
    }
}
