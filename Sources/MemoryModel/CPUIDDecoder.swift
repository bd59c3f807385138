/// Turns CPUID register values into a `CPUGeometry`, or says why it cannot
/// and names the preset that stands in.
///
/// | vendor | TLBs | caches |
/// |---|---|---|
/// | Intel | leaf 0x18 (deterministic address translation parameters); leaf 2 is not used: its descriptors misreport Skylake's STLB (0xC3: "6-way" for a 12-way array) | leaf 4 |
/// | AMD | Fn8000_0005 (L1) and Fn8000_0006 (L2); Fn8000_0019 (1 GiB) is read for notes only | Fn8000_001D, else Fn8000_0005/6 |
///
/// Arrays at one TLB level that hold a common page size are merged (entries
/// and ways add up): Sapphire Rapids enumerates its 2,048-entry STLB as two
/// 1,024-entry 8-way arrays. 4 MiB and 1 GiB page support is dropped.
public enum CPUIDDecoder {
    public static func decode(_ cpuid: CPUIDSnapshot) -> CPUSelection {
        var notes: [String] = []
        guard cpuid.available else {
            return fallback(.skylakeSP, reason: "CPUID does not exist on this architecture", notes: notes)
        }
        let (family, model) = cpuid.familyModel
        let vendor = cpuid.vendor
        notes.append("\(vendor) family 0x\(String(family, radix: 16)) model 0x\(String(model, radix: 16))")
        if let hypervisor = cpuid.hypervisor {
            notes.append("running under hypervisor '\(hypervisor)': the geometry is what it passes through")
        }
        switch vendor {
        case "GenuineIntel": return decodeIntel(cpuid, family: family, model: model, notes: notes)
        case "AuthenticAMD", "HygonGenuine": return decodeAMD(cpuid, family: family, model: model, notes: notes)
        default:
            return fallback(.skylakeSP, reason: "unknown CPU vendor '\(vendor)': no CPUID decoding for it", notes: notes)
        }
    }

    static func fallback(_ preset: CPUGeometry, reason: String, notes: [String]) -> CPUSelection {
        CPUSelection(geometry: preset, origin: .fallback, reason: "\(reason); using preset \(preset.name)", notes: notes)
    }

    /// The preset for an Intel family 6 model, or nil.
    static func intelPreset(family: Int, model: Int) -> CPUGeometry? {
        guard family == 6 else { return nil }
        switch model {
        case 0x55: return .skylakeSP  // Skylake-SP, Cascade Lake, Cooper Lake
        case 0x6A, 0x6C: return .icelakeSP
        case 0x8F, 0xCF: return .sapphireRapids  // Sapphire and Emerald Rapids
        default: return nil
        }
    }

    private static func decodeIntel(_ cpuid: CPUIDSnapshot, family: Int, model: Int, notes: [String]) -> CPUSelection {
        let known = intelPreset(family: family, model: model)
        func standIn(_ reason: String) -> CPUSelection {
            if let known { return fallback(known, reason: reason, notes: notes) }
            return fallback(.skylakeSP, reason: "\(reason); no preset matches family \(family) model 0x\(String(model, radix: 16))",
                            notes: notes)
        }
        guard cpuid.maxBasicLeaf >= 0x18, cpuid[0x18].eax > 0 else {
            return standIn("CPUID leaf 0x18 (deterministic address translation) is not reported "
                + "(maximum basic leaf 0x\(String(cpuid.maxBasicLeaf, radix: 16))), and leaf 2 misreports "
                + "second-level TLB associativity")
        }
        var found: [(level: Int, array: TLBArrayGeometry)] = []
        for subleaf in 0...cpuid[0x18].eax {
            let leaf = cpuid[0x18, subleaf]
            let type = CPUIDRegisters.bits(leaf.edx, 4, 0)
            // 1 data, 3 unified, 4 load-only; 2 instruction and 5 store-only are not data loads.
            guard type == 1 || type == 3 || type == 4 else { continue }
            var sizes: [PageSize] = []
            if leaf.ebx & 1 != 0 { sizes.append(.size4K) }
            if leaf.ebx & 2 != 0 { sizes.append(.size2M) }
            guard !sizes.isEmpty else { continue }
            let ways = CPUIDRegisters.bits(leaf.ebx, 31, 16)
            let sets = Int(leaf.ecx)
            found.append((CPUIDRegisters.bits(leaf.edx, 7, 5), TLBArrayGeometry(entries: ways * sets, ways: ways, pageSizes: sizes)))
        }
        let first = merge(found.filter { $0.level == 1 }.map(\.array))
        let second = merge(found.filter { $0.level == 2 }.map(\.array))
        guard let caches = decodeCacheLeaf(cpuid, leaf: 4) else {
            return standIn("CPUID leaf 4 (deterministic cache parameters) does not describe L1D, L2 and L3")
        }
        let geometry = CPUGeometry(name: "host", source: "CPUID leaves 0x18 and 4", firstLevelTLB: first,
                                   secondLevelTLB: second, l1d: caches.l1d, l2: caches.l2, llc: caches.llc)
        do { try geometry.validate() } catch { return standIn("the CPUID geometry is not usable: \(error)") }
        return CPUSelection(geometry: geometry, origin: .cpuid, notes: notes)
    }

    /// Merges arrays that share a page size into one (entries and ways add up).
    static func merge(_ arrays: [TLBArrayGeometry]) -> [TLBArrayGeometry] {
        var merged: [TLBArrayGeometry] = []
        for array in arrays {
            if let index = merged.firstIndex(where: { !Set($0.pageSizes).isDisjoint(with: array.pageSizes) }) {
                merged[index].entries += array.entries
                merged[index].ways += array.ways
                merged[index].pageSizes = PageSize.allCases.filter {
                    merged[index].pageSizes.contains($0) || array.pageSizes.contains($0)
                }
            } else {
                merged.append(array)
            }
        }
        return merged
    }

    /// L1D, L2 and LLC from Intel leaf 4 or AMD Fn8000_001D (same layout).
    static func decodeCacheLeaf(_ cpuid: CPUIDSnapshot, leaf: UInt32) -> (l1d: CacheGeometry, l2: CacheGeometry, llc: CacheGeometry)? {
        var byLevel: [Int: (cache: CacheGeometry, sharing: Int)] = [:]
        for subleaf in UInt32(0)..<16 {
            let registers = cpuid[leaf, subleaf]
            let type = CPUIDRegisters.bits(registers.eax, 4, 0)
            if type == 0 { break }
            guard type == 1 || type == 3 else { continue }
            let line = CPUIDRegisters.bits(registers.ebx, 11, 0) + 1
            guard line == CacheGeometry.lineBytes else { return nil }
            let ways = CPUIDRegisters.bits(registers.ebx, 31, 22) + 1
            let partitions = CPUIDRegisters.bits(registers.ebx, 21, 12) + 1
            let sets = Int(registers.ecx) + 1
            let sharing = CPUIDRegisters.bits(registers.eax, 25, 14) + 1
            byLevel[CPUIDRegisters.bits(registers.eax, 7, 5)] = (
                CacheGeometry(bytes: ways * partitions * line * sets, ways: ways * partitions), sharing)
        }
        guard let l1d = byLevel[1], let l2 = byLevel[2], let l3 = byLevel[3] else { return nil }
        // Logical processors per core, from the L1D's sharing; the LLC is shared by cores.
        let threads = max(1, l1d.sharing)
        var llc = l3.cache
        llc.sharingCores = max(1, l3.sharing / threads)
        while llc.sets % llc.sharingCores != 0 { llc.sharingCores -= 1 }
        return (l1d.cache, l2.cache, llc)
    }
}
