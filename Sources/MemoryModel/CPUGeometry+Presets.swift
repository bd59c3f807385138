extension CPUGeometry {
    private static let kib = 1024
    private static let mib = 1024 * 1024

    /// Intel Xeon Scalable 1st generation (Skylake-SP).
    ///
    /// Source: Intel 64 and IA-32 Architectures Optimization Reference Manual
    /// (248966), Skylake Server microarchitecture: first-level dTLB 64 entries
    /// 4-way for 4 KiB pages and 32 entries 4-way for 2 MiB pages; the
    /// often-quoted 1,536 entries are the second-level TLB (12-way, 4 KiB and
    /// 2 MiB shared; its 16 1 GiB entries are separate and not modelled). CPUID
    /// leaf 2 descriptor 0xC3 reports that STLB as 6-way, which is why it is
    /// not trusted. L1D 32 KiB 8-way, L2 1 MiB 16-way, LLC 1.375 MiB per core
    /// 11-way, non-inclusive (WikiChip, "Skylake (server)"); the LLC instance
    /// is the 28-core die's 38.5 MiB.
    public static let skylakeSP = CPUGeometry(
        name: "skylake-sp", source: "Intel Optimization Reference Manual 248966 (Skylake Server); WikiChip Skylake (server)",
        firstLevelTLB: [
            TLBArrayGeometry(entries: 64, ways: 4, pageSizes: [.size4K]),
            TLBArrayGeometry(entries: 32, ways: 4, pageSizes: [.size2M]),
        ],
        secondLevelTLB: [TLBArrayGeometry(entries: 1536, ways: 12, pageSizes: [.size4K, .size2M])],
        l1d: CacheGeometry(bytes: 32 * kib, ways: 8), l2: CacheGeometry(bytes: 1 * mib, ways: 16),
        llc: CacheGeometry(bytes: 28 * (1408 * kib), ways: 11, sharingCores: 28))

    /// Intel Xeon Scalable 3rd generation (Ice Lake-SP, Sunny Cove cores).
    ///
    /// Source: Intel Optimization Reference Manual (248966), Ice Lake / Sunny
    /// Cove microarchitecture: first-level dTLB 64 entries 4-way (4 KiB) and
    /// 32 entries 4-way (2 MiB); STLB 2,048 entries 16-way shared by 4 KiB and
    /// 2 MiB pages (1 GiB entries separate, not modelled). L1D 48 KiB 12-way,
    /// L2 1.25 MiB 20-way, LLC 1.5 MiB per core 12-way, non-inclusive
    /// (WikiChip, "Sunny Cove" and "Ice Lake (server)"); the LLC instance is
    /// the 40-core die's 60 MiB.
    public static let icelakeSP = CPUGeometry(
        name: "icelake-sp", source: "Intel Optimization Reference Manual 248966 (Sunny Cove); WikiChip Sunny Cove / Ice Lake (server)",
        firstLevelTLB: [
            TLBArrayGeometry(entries: 64, ways: 4, pageSizes: [.size4K]),
            TLBArrayGeometry(entries: 32, ways: 4, pageSizes: [.size2M]),
        ],
        secondLevelTLB: [TLBArrayGeometry(entries: 2048, ways: 16, pageSizes: [.size4K, .size2M])],
        l1d: CacheGeometry(bytes: 48 * kib, ways: 12), l2: CacheGeometry(bytes: 1280 * kib, ways: 20),
        llc: CacheGeometry(bytes: 40 * (1536 * kib), ways: 12, sharingCores: 40))

    /// Intel Xeon Scalable 4th generation (Sapphire Rapids, Golden Cove cores).
    ///
    /// Source: CPUID leaf 0x18 of a Sapphire Rapids part as recorded in the
    /// Bochs CPU database (cpudb/intel/sapphire_rapids.cc), decoded by
    /// `CPUIDDecoder`: load dTLB 64 entries 4-way (4 KiB) and 32 entries 4-way
    /// (2 MiB); second level two 1,024-entry 8-way arrays, one for 4 KiB/2 MiB
    /// and one for 4 KiB/1 GiB, modelled as one 2,048-entry 16-way array for
    /// 4 KiB and 2 MiB pages. Caches: Intel Optimization Reference Manual
    /// (Golden Cove) and WikiChip "Sapphire Rapids": L1D 48 KiB 12-way, L2
    /// 2 MiB 16-way, LLC 1.875 MiB per core 15-way, non-inclusive; the LLC
    /// instance is the 60-core part's 112.5 MiB.
    public static let sapphireRapids = CPUGeometry(
        name: "sapphire-rapids",
        source: "CPUID leaf 0x18 (Bochs cpudb sapphire_rapids); Intel Optimization Reference Manual 248966 (Golden Cove); WikiChip Sapphire Rapids",
        firstLevelTLB: [
            TLBArrayGeometry(entries: 64, ways: 4, pageSizes: [.size4K]),
            TLBArrayGeometry(entries: 32, ways: 4, pageSizes: [.size2M]),
        ],
        secondLevelTLB: [TLBArrayGeometry(entries: 2048, ways: 16, pageSizes: [.size4K, .size2M])],
        l1d: CacheGeometry(bytes: 48 * kib, ways: 12), l2: CacheGeometry(bytes: 2 * mib, ways: 16),
        llc: CacheGeometry(bytes: 60 * (1920 * kib), ways: 15, sharingCores: 60))

    /// AMD EPYC 7003 (Zen 3).
    ///
    /// Source: AMD Software Optimization Guide for AMD Family 19h Processors
    /// (56665): L1 DTLB 64 entries, fully associative, every page size; L2
    /// DTLB 2,048 entries for 4 KiB and 2 MiB pages (8-way, as CPUID
    /// Fn8000_0006 encodes it on family 19h parts). L1D 32 KiB 8-way, L2
    /// 512 KiB 8-way, L3 32 MiB 16-way shared by the 8 cores of a CCX, a
    /// victim cache of the L2s.
    public static let zen3 = CPUGeometry(
        name: "zen3", source: "AMD Software Optimization Guide for Family 19h (56665); CPUID Fn8000_0005/6 encoding",
        firstLevelTLB: [.fullyAssociative(64, [.size4K, .size2M])],
        secondLevelTLB: [TLBArrayGeometry(entries: 2048, ways: 8, pageSizes: [.size4K, .size2M])],
        l1d: CacheGeometry(bytes: 32 * kib, ways: 8), l2: CacheGeometry(bytes: 512 * kib, ways: 8),
        llc: CacheGeometry(bytes: 32 * mib, ways: 16, sharingCores: 8))

    /// AMD EPYC 9004 (Zen 4).
    ///
    /// Source: AMD Software Optimization Guide for AMD Family 19h Models 10h
    /// and later (57647) and CPUID Fn8000_0005/6 of an EPYC 9004 part (family
    /// 19h model 11h): L1 DTLB 72 entries, fully associative, every page size;
    /// L2 DTLB 3,072 entries for 4 KiB and 2 MiB pages (CPUID encodes 8-way
    /// for 4 KiB and 6-way for 2 MiB; modelled as one 8-way array). L1D 32 KiB
    /// 8-way, L2 1 MiB 8-way, L3 32 MiB 16-way per 8-core CCX, a victim cache.
    public static let zen4 = CPUGeometry(
        name: "zen4", source: "AMD Software Optimization Guide for Family 19h Models 10h+ (57647); CPUID Fn8000_0005/6 (EPYC 9004)",
        firstLevelTLB: [.fullyAssociative(72, [.size4K, .size2M])],
        secondLevelTLB: [TLBArrayGeometry(entries: 3072, ways: 8, pageSizes: [.size4K, .size2M])],
        l1d: CacheGeometry(bytes: 32 * kib, ways: 8), l2: CacheGeometry(bytes: 1 * mib, ways: 8),
        llc: CacheGeometry(bytes: 32 * mib, ways: 16, sharingCores: 8))

    /// Every preset, by the name a workload or `--model` uses.
    public static let presets: [CPUGeometry] = [skylakeSP, icelakeSP, sapphireRapids, zen3, zen4]

    public static var presetNames: [String] { presets.map(\.name) }

    /// The preset called `name`. `host` is not a preset: see `CPUSelection`.
    public static func preset(named name: String) throws(MemoryModelError) -> CPUGeometry {
        guard let preset = presets.first(where: { $0.name == name }) else {
            throw .unknownPreset(name, known: presetNames)
        }
        return preset
    }
}
