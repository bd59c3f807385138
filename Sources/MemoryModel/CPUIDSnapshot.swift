import CLinuxShims

/// The four registers one CPUID leaf answers with.
public struct CPUIDRegisters: Sendable, Equatable, Hashable {
    public var eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32

    public init(_ eax: UInt32, _ ebx: UInt32, _ ecx: UInt32, _ edx: UInt32) {
        self.eax = eax
        self.ebx = ebx
        self.ecx = ecx
        self.edx = edx
    }

    public static let zero = CPUIDRegisters(0, 0, 0, 0)

    /// Bits `low...high` of `value`.
    @inline(__always)
    static func bits(_ value: UInt32, _ high: Int, _ low: Int) -> Int {
        Int((value >> UInt32(low)) & ((1 << UInt32(high - low + 1)) &- 1))
    }
}

/// The CPUID leaves the `host` CPU is decoded from, captured once (live, or
/// given as recorded register values so decoding can be tested anywhere).
public struct CPUIDSnapshot: Sendable {
    public struct Key: Hashable, Sendable {
        public var leaf: UInt32, subleaf: UInt32
    }

    /// False where the CPUID instruction does not exist (not x86).
    public var available: Bool
    public var leaves: [Key: CPUIDRegisters]

    public init(available: Bool = true, leaves: [(leaf: UInt32, subleaf: UInt32, registers: CPUIDRegisters)]) {
        self.available = available
        var map: [Key: CPUIDRegisters] = [:]
        for entry in leaves { map[Key(leaf: entry.leaf, subleaf: entry.subleaf)] = entry.registers }
        self.leaves = map
    }

    /// The registers of a leaf, zero when not captured (CPUID answers
    /// zeros, or another leaf, for what it does not support).
    public subscript(leaf: UInt32, subleaf: UInt32 = 0) -> CPUIDRegisters {
        leaves[Key(leaf: leaf, subleaf: subleaf)] ?? .zero
    }

    public var maxBasicLeaf: UInt32 { self[0].eax }
    public var maxExtendedLeaf: UInt32 { self[0x8000_0000].eax }

    /// "GenuineIntel", "AuthenticAMD", … from leaf 0 (EBX, EDX, ECX).
    public var vendor: String { Self.string(self[0].ebx, self[0].edx, self[0].ecx) }

    /// Family and model as the SDM / AMD APM combine them from leaf 1.
    public var familyModel: (family: Int, model: Int) {
        let eax = self[1].eax
        var family = CPUIDRegisters.bits(eax, 11, 8)
        var model = CPUIDRegisters.bits(eax, 7, 4)
        if family == 0xF { family += CPUIDRegisters.bits(eax, 27, 20) }
        if family == 0x6 || family >= 0xF { model |= CPUIDRegisters.bits(eax, 19, 16) << 4 }
        return (family, model)
    }

    /// The hypervisor's vendor string when leaf 1 ECX bit 31 says one runs us.
    public var hypervisor: String? {
        guard self[1].ecx & (1 << 31) != 0 else { return nil }
        let leaf = self[0x4000_0000]
        let name = Self.string(leaf.ebx, leaf.ecx, leaf.edx)
        return name.isEmpty ? "unnamed" : name
    }

    static func string(_ words: UInt32...) -> String {
        var bytes: [UInt8] = []
        for word in words { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((word >> UInt32(shift)) & 0xFF)) } }
        return String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
    }

    /// Reads the leaves the decoder uses from this CPU through `vb_cpuid`.
    public static func capture() -> CPUIDSnapshot {
        var captured: [(leaf: UInt32, subleaf: UInt32, registers: CPUIDRegisters)] = []
        func read(_ leaf: UInt32, _ subleaf: UInt32 = 0) -> CPUIDRegisters? {
            var registers: [UInt32] = [0, 0, 0, 0]
            guard vb_cpuid(leaf, subleaf, &registers) == 1 else { return nil }
            let value = CPUIDRegisters(registers[0], registers[1], registers[2], registers[3])
            captured.append((leaf, subleaf, value))
            return value
        }
        guard let basic = read(0) else { return CPUIDSnapshot(available: false, leaves: []) }
        _ = read(1)
        if basic.eax >= 4 {
            for subleaf in UInt32(0)..<16 {
                guard let leaf = read(4, subleaf), leaf.eax & 0x1F != 0 else { break }
            }
        }
        if basic.eax >= 0x18, let first = read(0x18), first.eax > 0 {
            for subleaf in UInt32(1)...min(first.eax, 32) { _ = read(0x18, subleaf) }
        }
        _ = read(0x4000_0000)
        if let extended = read(0x8000_0000) {
            for leaf: UInt32 in [0x8000_0005, 0x8000_0006, 0x8000_0019] where extended.eax >= leaf { _ = read(leaf) }
            if extended.eax >= 0x8000_001D {
                for subleaf in UInt32(0)..<16 {
                    guard let leaf = read(0x8000_001D, subleaf), leaf.eax & 0x1F != 0 else { break }
                }
            }
        }
        return CPUIDSnapshot(leaves: captured)
    }
}
