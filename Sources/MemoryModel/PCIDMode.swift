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
