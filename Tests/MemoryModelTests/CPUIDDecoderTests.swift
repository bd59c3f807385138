import Testing
@testable import MemoryModel

/// Decoding of recorded CPUID register values; nothing here reads the CPU.
@Suite struct CPUIDDecoderTests {
    typealias R = CPUIDRegisters

    static let intel = (ebx: UInt32(0x756E_6547), edx: UInt32(0x4965_6E69), ecx: UInt32(0x6C65_746E))  // "GenuineIntel"
    static let amd = (ebx: UInt32(0x6874_7541), edx: UInt32(0x6974_6E65), ecx: UInt32(0x444D_4163))  // "AuthenticAMD"

    /// Sapphire Rapids leaf 0x18 as recorded in the Bochs CPU database
    /// (cpudb/intel/sapphire_rapids.cc); leaf 4 built from the SDM layout
    /// for 48 KiB 12-way L1D, 2 MiB 16-way L2, 112.5 MiB 15-way L3.
    static let sapphireRapids = CPUIDSnapshot(leaves: [
        (0, 0, R(0x20, intel.ebx, intel.ecx, intel.edx)),
        (1, 0, R(0x0008_06F8, 0, 0, 0)),
        (4, 0, R(0x0000_4121, 0x02C0_003F, 0x3F, 0)),
        (4, 1, R(0x0000_4122, 0x01C0_003F, 0x3F, 0)),
        (4, 2, R(0x0000_4143, 0x03C0_003F, 0x7FF, 0)),
        (4, 3, R(0x001F_C163, 0x0380_003F, 0x1DFFF, 0)),
        (0x18, 0, R(0x8, 0, 0, 0)),
        (0x18, 1, R(0, 0x0008_0001, 0x20, 0x4022)),
        (0x18, 2, R(0, 0x0008_0006, 0x04, 0x4022)),
        (0x18, 3, R(0, 0x0010_000F, 0x01, 0x4125)),
        (0x18, 4, R(0, 0x0004_0001, 0x10, 0x4024)),
        (0x18, 5, R(0, 0x0004_0006, 0x08, 0x4024)),
        (0x18, 6, R(0, 0x0008_0008, 0x01, 0x4124)),
        (0x18, 7, R(0, 0x0008_0007, 0x80, 0x4043)),
        (0x18, 8, R(0, 0x0008_0009, 0x80, 0x4043)),
    ])

    @Test func intelLeaf18GivesLoadTLBsAndMergedSTLB() {
        let selection = CPUIDDecoder.decode(Self.sapphireRapids)
        #expect(selection.origin == .cpuid)
        #expect(selection.reason == nil)
        let geometry = selection.geometry
        #expect(geometry.firstLevelTLB == [
            TLBArrayGeometry(entries: 64, ways: 4, pageSizes: [.size4K]),
            TLBArrayGeometry(entries: 32, ways: 4, pageSizes: [.size2M]),
        ])
        #expect(geometry.secondLevelTLB == [TLBArrayGeometry(entries: 2048, ways: 16, pageSizes: [.size4K, .size2M])])
        #expect(geometry.l1d == CacheGeometry(bytes: 48 * 1024, ways: 12))
        #expect(geometry.l2 == CacheGeometry(bytes: 2 << 20, ways: 16))
        #expect(geometry.llc.bytes == 122_880 * 64 * 15)
        #expect(geometry.llc.sharingCores == 64)
        // The preset agrees with what CPUID enumerates.
        #expect(geometry.firstLevelTLB == CPUGeometry.sapphireRapids.firstLevelTLB)
        #expect(geometry.secondLevelTLB == CPUGeometry.sapphireRapids.secondLevelTLB)
    }

    @Test func skylakeWithoutLeaf18FallsBackToItsPresetAndSaysWhy() {
        // Skylake-SP / Skylake-X: maximum basic leaf 0x16, family 6 model 0x55
        // (leaf 1 EAX 0x00050654, as in the Bochs i7-7800X model).
        let snapshot = CPUIDSnapshot(leaves: [
            (0, 0, R(0x16, Self.intel.ebx, Self.intel.ecx, Self.intel.edx)),
            (1, 0, R(0x0005_0654, 0, 0, 0)),
        ])
        let selection = CPUIDDecoder.decode(snapshot)
        #expect(selection.origin == .fallback)
        #expect(selection.geometry == .skylakeSP)
        #expect(selection.reason?.contains("leaf 0x18") == true)
        #expect(selection.reason?.contains("skylake-sp") == true)
    }

    @Test func zen1FromExtendedLeaves() {
        // Bochs cpudb/amd/ryzen.cc (family 17h).
        let snapshot = CPUIDSnapshot(leaves: [
            (0, 0, R(0xD, Self.amd.ebx, Self.amd.ecx, Self.amd.edx)),
            (1, 0, R(0x0080_0F11, 0, 0, 0)),
            (0x8000_0000, 0, R(0x8000_001E, 0, 0, 0)),
            (0x8000_0005, 0, R(0xFF40_FF40, 0xFF40_FF40, 0x2008_0140, 0x4004_0140)),
            (0x8000_0006, 0, R(0x2600_6400, 0x6600_6400, 0x0200_6140, 0x0080_8140)),
            (0x8000_0019, 0, R(0xF040_F040, 0, 0, 0)),
            (0x8000_001D, 0, R(0x0000_4121, 0x01C0_003F, 0x3F, 0)),
            (0x8000_001D, 1, R(0x0000_4122, 0x00C0_003F, 0xFF, 0)),
            (0x8000_001D, 2, R(0x0000_4143, 0x01C0_003F, 0x3FF, 2)),
            (0x8000_001D, 3, R(0x0001_C163, 0x03C0_003F, 0x1FFF, 1)),
        ])
        let selection = CPUIDDecoder.decode(snapshot)
        #expect(selection.origin == .cpuid)
        let geometry = selection.geometry
        #expect(geometry.firstLevelTLB == [.fullyAssociative(64, [.size4K, .size2M])])
        #expect(geometry.secondLevelTLB == [TLBArrayGeometry(entries: 1536, ways: 8, pageSizes: [.size4K, .size2M])])
        #expect(geometry.l1d == CacheGeometry(bytes: 32 * 1024, ways: 8))
        #expect(geometry.l2 == CacheGeometry(bytes: 512 * 1024, ways: 8))
        #expect(geometry.llc == CacheGeometry(bytes: 8 << 20, ways: 16, sharingCores: 4))
        #expect(selection.notes.contains { $0.contains("modelled as one 8-way array") })
    }

    @Test func zen4UnderKVMAsRecordedOnTheDevelopmentVM() {
        let snapshot = CPUIDSnapshot(leaves: [
            (0, 0, R(0x1C, Self.amd.ebx, Self.amd.ecx, Self.amd.edx)),
            (1, 0, R(0x00A1_0F11, 0x0102_0800, 0xFFFA_3203, 0x178B_FBFF)),
            (0x4000_0000, 0, R(0x4000_0001, 0x4B4D_564B, 0x564B_4D56, 0x0000_004D)),
            (0x8000_0000, 0, R(0x8000_0021, 0, 0, 0)),
            (0x8000_0005, 0, R(0xFF48_FF40, 0xFF48_FF40, 0x2008_0140, 0x2008_0140)),
            (0x8000_0006, 0, R(0x5C00_2200, 0x6C00_4200, 0x0400_6140, 0x0A00_9140)),
            (0x8000_001D, 0, R(0x0000_0121, 0x01C0_003F, 0x3F, 0)),
            (0x8000_001D, 1, R(0x0000_0122, 0x01C0_003F, 0x3F, 0)),
            (0x8000_001D, 2, R(0x0000_0143, 0x01C0_003F, 0x7FF, 2)),
            (0x8000_001D, 3, R(0x0000_4163, 0x03C0_003F, 0x7FFF, 1)),
        ])
        let selection = CPUIDDecoder.decode(snapshot)
        #expect(selection.origin == .cpuid)
        #expect(selection.geometry.firstLevelTLB == CPUGeometry.zen4.firstLevelTLB)
        #expect(selection.geometry.secondLevelTLB == CPUGeometry.zen4.secondLevelTLB)
        #expect(selection.geometry.llc == CacheGeometry(bytes: 32 << 20, ways: 16, sharingCores: 2))
        #expect(selection.notes.contains { $0.contains("KVMKVMKVM") })
        #expect(selection.notes.contains { $0.contains("family 0x19 model 0x11") })
    }

    @Test func undefinedAssociativityCodeFallsBackToTheFamilysPreset() {
        let snapshot = CPUIDSnapshot(leaves: [
            (0, 0, R(0x1C, Self.amd.ebx, Self.amd.ecx, Self.amd.edx)),
            (1, 0, R(0x00A1_0F11, 0, 0, 0)),
            (0x8000_0000, 0, R(0x8000_0021, 0, 0, 0)),
            (0x8000_0005, 0, R(0xFF48_FF40, 0xFF48_FF40, 0x2008_0140, 0x2008_0140)),
            (0x8000_0006, 0, R(0x9C00_2200, 0x9C00_4200, 0x0400_6140, 0x0A00_9140)),
        ])
        let selection = CPUIDDecoder.decode(snapshot)
        #expect(selection.origin == .fallback)
        #expect(selection.geometry == .zen4)
        #expect(selection.reason?.contains("associativity code") == true)
    }

    @Test func unknownVendorAndNoCPUIDFallBackWithAReason() {
        let other = CPUIDDecoder.decode(CPUIDSnapshot(leaves: [(0, 0, R(1, 0x6F6F_6F6F, 0x6F6F_6F6F, 0x6F6F_6F6F))]))
        #expect(other.origin == .fallback)
        #expect(other.reason?.contains("unknown CPU vendor") == true)
        let none = CPUIDDecoder.decode(CPUIDSnapshot(available: false, leaves: []))
        #expect(none.origin == .fallback)
        #expect(none.reason?.contains("does not exist") == true)
    }
}
