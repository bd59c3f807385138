extension CPUIDDecoder {
    /// The preset for an AMD family / model, or nil.
    static func amdPreset(family: Int, model: Int) -> CPUGeometry? {
        switch (family, model) {
        case (0x19, 0x00...0x0F), (0x19, 0x20...0x2F), (0x19, 0x40...0x5F): return .zen3
        case (0x19, 0x10...0x1F), (0x19, 0x60...0x7F), (0x19, 0xA0...0xAF): return .zen4
        default: return nil
        }
    }

    /// Ways from AMD's 4-bit associativity code (Fn8000_0006); nil for a
    /// reserved code or 9 ("see Fn8000_001D"). `entries` resolves "fully".
    static func amdWays(code: Int, entries: Int) -> Int? {
        switch code {
        case 1: return 1
        case 2: return 2
        case 3: return 3
        case 4: return 4
        case 5: return 6
        case 6: return 8
        case 8: return 16
        case 0xA: return 32
        case 0xB: return 48
        case 0xC: return 64
        case 0xD: return 96
        case 0xE: return 128
        case 0xF: return entries
        default: return nil
        }
    }

    static func decodeAMD(_ cpuid: CPUIDSnapshot, family: Int, model: Int, notes: [String]) -> CPUSelection {
        var notes = notes
        let known = amdPreset(family: family, model: model)
        func standIn(_ reason: String) -> CPUSelection {
            if let known { return fallback(known, reason: reason, notes: notes) }
            return fallback(.zen4, reason: "\(reason); no preset matches family 0x\(String(family, radix: 16)) model "
                + "0x\(String(model, radix: 16))", notes: notes)
        }
        guard cpuid.maxExtendedLeaf >= 0x8000_0006 else {
            return standIn("CPUID Fn8000_0005/6 (L1 and L2 TLB identifiers) are not reported")
        }
        // Fn8000_0005: EAX 2M/4M, EBX 4K; [31:24] dTLB associativity (0xFF fully), [23:16] entries.
        let l1 = cpuid[0x8000_0005]
        func level1(_ register: UInt32) -> TLBArrayGeometry? {
            let entries = CPUIDRegisters.bits(register, 23, 16)
            let code = CPUIDRegisters.bits(register, 31, 24)
            guard entries > 0, code > 0 else { return nil }
            return TLBArrayGeometry(entries: entries, ways: code == 0xFF ? entries : code, pageSizes: [])
        }
        // Fn8000_0006: EAX 2M/4M, EBX 4K; [31:28] dTLB associativity code, [27:16] entries.
        let l2 = cpuid[0x8000_0006]
        func level2(_ register: UInt32) -> TLBArrayGeometry?? {
            let entries = CPUIDRegisters.bits(register, 27, 16)
            let code = CPUIDRegisters.bits(register, 31, 28)
            if entries == 0 || code == 0 { return .some(nil) }
            guard let ways = amdWays(code: code, entries: entries) else { return nil }
            return TLBArrayGeometry(entries: entries, ways: ways, pageSizes: [])
        }
        guard let small1 = level1(l1.ebx), let large1 = level1(l1.eax) else {
            return standIn("CPUID Fn8000_0005 reports no L1 data TLB")
        }
        guard let small2 = level2(l2.ebx), let large2 = level2(l2.eax) else {
            return standIn("CPUID Fn8000_0006 gives an L2 data TLB associativity code it does not define")
        }
        let first = combine(small1, large1, level: "L1", notes: &notes)
        let second = combine(small2, large2, level: "L2", notes: &notes)
        let l1g = cpuid[0x8000_0019]
        if cpuid.maxExtendedLeaf >= 0x8000_0019, l1g.eax != 0 {
            notes.append("1 GiB TLB entries (Fn8000_0019) are not modelled")
        }
        guard let caches = decodeCacheLeaf(cpuid, leaf: 0x8000_001D) ?? legacyAMDCaches(cpuid, notes: &notes) else {
            return standIn("CPUID Fn8000_001D and Fn8000_0005/6 do not describe L1D, L2 and L3")
        }
        let geometry = CPUGeometry(name: "host", source: "CPUID Fn8000_0005/6/1D", firstLevelTLB: first,
                                   secondLevelTLB: second, l1d: caches.l1d, l2: caches.l2, llc: caches.llc)
        do { try geometry.validate() } catch { return standIn("the CPUID geometry is not usable: \(error)") }
        return CPUSelection(geometry: geometry, origin: .cpuid, notes: notes)
    }

    /// AMD lists 4 KiB and 2 MiB entries of one structure apart; equal
    /// entry counts are taken as one array shared by both sizes (with the
    /// 4 KiB associativity), as AMD describes its dTLBs.
    private static func combine(
        _ small: TLBArrayGeometry?, _ large: TLBArrayGeometry?, level: String, notes: inout [String]
    ) -> [TLBArrayGeometry] {
        switch (small, large) {
        case (nil, nil): return []
        case (let small?, nil): return [TLBArrayGeometry(entries: small.entries, ways: small.ways, pageSizes: [.size4K])]
        case (nil, let large?): return [TLBArrayGeometry(entries: large.entries, ways: large.ways, pageSizes: [.size2M])]
        case (let small?, let large?):
            if small.entries == large.entries {
                if small.ways != large.ways {
                    notes.append("\(level) dTLB: \(small.entries) entries for 4K (\(small.ways)-way) and 2M "
                        + "(\(large.ways)-way) modelled as one \(small.ways)-way array")
                }
                return [TLBArrayGeometry(entries: small.entries, ways: small.ways, pageSizes: [.size4K, .size2M])]
            }
            return [TLBArrayGeometry(entries: small.entries, ways: small.ways, pageSizes: [.size4K]),
                    TLBArrayGeometry(entries: large.entries, ways: large.ways, pageSizes: [.size2M])]
        }
    }

    /// Caches from Fn8000_0005 ECX (L1D) and Fn8000_0006 ECX/EDX (L2, L3),
    /// for parts without Fn8000_001D. The L3's sharing is unknown there: one core.
    private static func legacyAMDCaches(
        _ cpuid: CPUIDSnapshot, notes: inout [String]
    ) -> (l1d: CacheGeometry, l2: CacheGeometry, llc: CacheGeometry)? {
        let l1 = cpuid[0x8000_0005].ecx, l2 = cpuid[0x8000_0006].ecx, l3 = cpuid[0x8000_0006].edx
        let l1Bytes = CPUIDRegisters.bits(l1, 31, 24) * 1024
        let l1Ways = CPUIDRegisters.bits(l1, 23, 16)
        let l2Bytes = CPUIDRegisters.bits(l2, 31, 16) * 1024
        let l3Bytes = CPUIDRegisters.bits(l3, 31, 18) * 512 * 1024
        guard l1Bytes > 0, l1Ways > 0, l2Bytes > 0, l3Bytes > 0,
              let l2Ways = amdWays(code: CPUIDRegisters.bits(l2, 15, 12), entries: l2Bytes / 64),
              let l3Ways = amdWays(code: CPUIDRegisters.bits(l3, 15, 12), entries: l3Bytes / 64)
        else { return nil }
        notes.append("caches from Fn8000_0005/6: the L3 is modelled as one core's")
        return (CacheGeometry(bytes: l1Bytes, ways: l1Ways == 0xFF ? l1Bytes / 64 : l1Ways),
                CacheGeometry(bytes: l2Bytes, ways: l2Ways), CacheGeometry(bytes: l3Bytes, ways: l3Ways))
    }
}
