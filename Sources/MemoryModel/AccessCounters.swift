/// What the accesses of one kind (or all) cost in the model.
///
/// One TLB lookup is counted per page an access touches and one cache
/// access per 64-byte line it touches (hardware looks up per load µop, so
/// its hit counts are higher; misses compare).
public struct AccessCounters: Sendable, Equatable, Codable {
    /// Accesses reported (`MemoryModel.access` calls).
    public var accesses: Int = 0
    /// L1 dTLB lookups of 4 KiB pages.
    public var l1dTLB4K = HitMiss()
    /// L1 dTLB lookups of 2 MiB pages.
    public var l1dTLB2M = HitMiss()
    /// Second-level TLB lookups (after an L1 miss, for page sizes it holds).
    public var stlb = HitMiss()
    /// Translations that missed every TLB level.
    public var pageWalks: Int = 0
    public var l1d = HitMiss()
    public var l2 = HitMiss()
    public var llc = HitMiss()

    public init() {}

    /// Both page sizes' L1 dTLB lookups.
    public var l1dTLB: HitMiss { HitMiss(hits: l1dTLB4K.hits + l1dTLB2M.hits, misses: l1dTLB4K.misses + l1dTLB2M.misses) }

    static func += (lhs: inout AccessCounters, rhs: AccessCounters) {
        lhs.accesses += rhs.accesses
        lhs.l1dTLB4K += rhs.l1dTLB4K
        lhs.l1dTLB2M += rhs.l1dTLB2M
        lhs.stlb += rhs.stlb
        lhs.pageWalks += rhs.pageWalks
        lhs.l1d += rhs.l1d
        lhs.l2 += rhs.l2
        lhs.llc += rhs.llc
    }
}
