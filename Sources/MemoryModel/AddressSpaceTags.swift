/// Which hardware TLB tag (PCID) each core's current address space runs
/// under, and what a switch costs, per `PCIDMode`.
///
/// `linux` follows arch/x86/mm/tlb.c `choose_new_asid`: a core remembers the
/// address space held by each of its 6 dynamic ASIDs; switching to one of
/// them reuses its ASID without a flush; any other address space takes the
/// next ASID in round-robin order (`cpu_tlbstate.next_asid`) and that ASID's
/// entries are flushed. Round-robin is what the kernel does: with 6 or fewer
/// address spaces taking turns nothing is flushed, with 7 or more in
/// rotation every switch flushes, as with LRU; the two differ only for
/// irregular orders (a space used again just before a new one arrives is
/// still evicted if its ASID is next).
struct AddressSpaceTags {
    enum SwitchCost: Equatable { case none, flushAll, flushTag(UInt64) }

    let mode: PCIDMode
    private(set) var current: Int?
    private(set) var tag: UInt64 = 0
    /// `linux`: the address space each ASID holds, and the next ASID to hand out.
    private var holders: [Int?] = Array(repeating: nil, count: PCIDMode.linuxDynamicASIDs)
    private var nextASID = 0

    init(mode: PCIDMode) { self.mode = mode }

    /// Makes `space` current; returns what the switch costs the TLBs.
    mutating func switchTo(_ space: Int) -> SwitchCost {
        guard current != space else { return .none }
        let first = current == nil
        current = space
        switch mode {
        case .none:
            tag = 0
            return first ? .none : .flushAll
        case .ideal:
            tag = UInt64(space) &+ 1
            return .none
        case .linux:
            if let held = holders.firstIndex(of: space) {
                tag = UInt64(held) &+ 1
                return .none
            }
            let asid = nextASID
            nextASID = (nextASID + 1) % PCIDMode.linuxDynamicASIDs
            holders[asid] = space
            tag = UInt64(asid) &+ 1
            return .flushTag(tag)
        }
    }

    /// The address space each Linux ASID holds (for tests).
    var asidHolders: [Int?] { holders }
}
