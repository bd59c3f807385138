@testable import MemoryModel

/// Small, hand-checkable geometries for traces with known answers.
enum TestGeometry {
    /// L1: 4K 8 entries 2-way (4 sets), 2M 4 entries 2-way; no STLB unless
    /// asked; tiny caches.
    static func tiny(stlb: [TLBArrayGeometry] = [], llcSharing: Int = 1) -> CPUGeometry {
        CPUGeometry(
            name: "tiny", source: "test",
            firstLevelTLB: [
                TLBArrayGeometry(entries: 8, ways: 2, pageSizes: [.size4K]),
                TLBArrayGeometry(entries: 4, ways: 2, pageSizes: [.size2M]),
            ],
            secondLevelTLB: stlb,
            l1d: CacheGeometry(bytes: 64 * 2 * 4, ways: 2),  // 4 sets × 2 ways
            l2: CacheGeometry(bytes: 64 * 4 * 8, ways: 4),  // 8 sets × 4 ways
            llc: CacheGeometry(bytes: 64 * 4 * 16 * llcSharing, ways: 4, sharingCores: llcSharing))
    }

    static let page4K: UInt = 4096
    static let page2M: UInt = 2 << 20
    static let base: UInt = 0x7F00_0000_0000
}

extension MemoryModel {
    /// One operation of single-line reads at `addresses`.
    func operation(_ number: Int, core: Int = 0, space: Int = 0, reads addresses: [UInt], kind: AccessKind = .vector) throws {
        try begin(operation: number, core: core, addressSpace: space)
        for address in addresses { access(address: address, bytes: 4, kind: kind) }
        end()
    }
}
