/// The page sizes the model translates. 1 GiB pages are not modelled (no
/// engine mapping uses them); a preset's 1 GiB TLB arrays are left out.
public enum PageSize: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case size4K = 4096
    case size2M = 2_097_152

    /// log2 of the size: the shift from an address to its page number.
    public var shift: UInt64 { self == .size4K ? 12 : 21 }

    public var description: String { self == .size4K ? "4K" : "2M" }
}

/// What an access reads, so the model can report misses per kind. The
/// cases mirror the engine's access kinds one to one (the runner bridges
/// them; this target may not import the engine).
public enum AccessKind: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case vector = 0
    case level0Links
    case upperLinks
    case visitedMark
    case label
    /// Anything else the caller wants counted apart.
    case other

    public var description: String {
        switch self {
        case .vector: return "vector"
        case .level0Links: return "level-0 links"
        case .upperLinks: return "upper links"
        case .visitedMark: return "visited mark"
        case .label: return "label"
        case .other: return "other"
        }
    }
}

/// How TLB entries survive a change of address space on a core.
///
/// | mode | on a switch to another address space |
/// |---|---|
/// | `none` | every (non-global) entry of the core is flushed |
/// | `linux` | 6 hardware PCIDs per core (`TLB_NR_DYN_ASIDS`); a space holding one keeps its entries; another takes the next PCID round-robin, as `choose_new_asid` does, and that PCID's entries are flushed |
/// | `ideal` | every address space has its own tag; nothing is flushed |
public enum PCIDMode: String, Sendable, CaseIterable, Codable {
    case none
    case linux
    case ideal

    /// Linux's `TLB_NR_DYN_ASIDS` (arch/x86/include/asm/tlbflush.h).
    public static let linuxDynamicASIDs = 6
}
