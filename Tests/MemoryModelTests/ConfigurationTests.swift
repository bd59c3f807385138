import Testing
@testable import MemoryModel

@Suite struct ConfigurationTests {
    @Test func everyPresetIsAValidGeometry() throws {
        for preset in CPUGeometry.presets {
            try preset.validate()
            _ = try MemoryModel(cpu: preset, cores: 2, pcid: .linux)
        }
        #expect(CPUGeometry.presetNames == ["skylake-sp", "icelake-sp", "sapphire-rapids", "zen3", "zen4"])
        #expect(CPUGeometry.skylakeSP.secondLevelTLB[0].entries == 1536)
        #expect(CPUGeometry.skylakeSP.firstLevelTLB[0].entries == 64)
    }

    @Test func unknownPresetIsNamed() {
        #expect(throws: MemoryModelError.unknownPreset("skylake", known: CPUGeometry.presetNames)) {
            try CPUSelection.resolve("skylake")
        }
        #expect(throws: Never.self) { _ = try CPUSelection.resolve("zen4") }
    }

    @Test func impossibleGeometriesAreRefusedByName() {
        var geometry = TestGeometry.tiny()
        geometry.firstLevelTLB[0] = TLBArrayGeometry(entries: 10, ways: 4, pageSizes: [.size4K])
        #expect(throws: MemoryModelError.impossibleGeometry(
            structure: "tiny L1 dTLB 4K", reason: "10 entries are not divisible by 4 ways")) { try geometry.validate() }
        geometry = TestGeometry.tiny()
        geometry.secondLevelTLB = [TLBArrayGeometry(entries: 16, ways: 0, pageSizes: [.size4K])]
        #expect(throws: MemoryModelError.impossibleGeometry(structure: "tiny STLB 4K", reason: "zero ways")) {
            try geometry.validate()
        }
        geometry = TestGeometry.tiny()
        geometry.l2 = CacheGeometry(bytes: 1000, ways: 4)
        #expect(throws: MemoryModelError.self) { try geometry.validate() }
        geometry = TestGeometry.tiny()
        geometry.firstLevelTLB.removeLast()
        #expect(throws: MemoryModelError.impossibleGeometry(structure: "tiny L1 dTLB", reason: "no array for 2M pages")) {
            try geometry.validate()
        }
    }

    @Test func sampleCoresAndIdsAreChecked() throws {
        #expect(throws: MemoryModelError.invalidSample(0)) { try MemoryModel(cpu: .zen4, cores: 1, pcid: .linux, sample: 0) }
        #expect(throws: MemoryModelError.invalidSample(-3)) { try MemoryModel(cpu: .zen4, cores: 1, pcid: .linux, sample: -3) }
        #expect(throws: MemoryModelError.invalidCoreCount(0)) { try MemoryModel(cpu: .zen4, cores: 0, pcid: .linux) }
        let model = try MemoryModel(cpu: .zen4, cores: 2, pcid: .linux)
        #expect(throws: MemoryModelError.coreOutOfRange(core: 2, cores: 2)) {
            try model.begin(operation: 0, core: 2, addressSpace: 0)
        }
        #expect(throws: MemoryModelError.addressSpaceOutOfRange(id: -1, limit: MemoryModel.addressSpaceLimit)) {
            try model.begin(operation: 0, core: 0, addressSpace: -1)
        }
    }

    @Test func overlappingAndEmptyRegionsAreRefused() throws {
        let model = try MemoryModel(cpu: .zen4, cores: 1, pcid: .linux)
        try model.registerRegion(base: 0x1000, length: 0x2000, pageSize: .size4K)
        #expect(throws: MemoryModelError.overlappingRegion(
            base: 0x2000, length: 0x1000, existingBase: 0x1000, existingLength: 0x2000, addressSpace: nil)) {
            try model.registerRegion(base: 0x2000, length: 0x1000, pageSize: .size2M)
        }
        // The same range in one address space is a different region.
        try model.registerRegion(base: 0x2000, length: 0x1000, pageSize: .size2M, addressSpace: 3)
        #expect(throws: MemoryModelError.self) { try model.registerRegion(base: 0x9000, length: 0, pageSize: .size4K) }
    }

    @Test func smapsHugePageCoverageGivesThePageSize() throws {
        let smaps = """
        7f0000000000-7f0000400000 rw-p 00000000 00:00 0
        Size:               4096 kB
        AnonHugePages:      4096 kB
        FilePmdMapped:         0 kB
        7f0000400000-7f0000800000 rw-p 00000000 00:00 0
        Size:               4096 kB
        AnonHugePages:      1024 kB
        7f0000800000-7f0000c00000 r--s 00000000 08:01 1234 /data/index.bin
        Size:               4096 kB
        FilePmdMapped:      2048 kB
        7f0001000000-7f0001001000 rw-p 00000000 00:00 0
        AnonHugePages:         0 kB
        """
        let mappings = SmapsHugePages.mappings(in: smaps, overlapping: 0x7F00_0000_0000..<0x7F00_00C0_0000)
        #expect(mappings.map(\.hugeBytes) == [4 << 20, 1 << 20, 2 << 20])
        #expect(mappings.map(\.pageSize) == [.size2M, .size4K, .size2M])
        let model = try MemoryModel(cpu: .skylakeSP, cores: 1, pcid: .linux)
        try model.registerRegions(fromSmaps: smaps, range: 0x7F00_0020_0000..<0x7F00_0060_0000)
        try model.begin(operation: 0, core: 0, addressSpace: 0)
        model.access(address: 0x7F00_0020_0000, bytes: 4, kind: .vector)
        model.access(address: 0x7F00_0050_0000, bytes: 4, kind: .vector)
        model.end()
        #expect(model.statistics.total.l1dTLB2M.lookups == 1)
        #expect(model.statistics.total.l1dTLB4K.lookups == 1)
    }
}
