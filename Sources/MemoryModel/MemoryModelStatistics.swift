/// Hits and misses of one TLB array or cache level.
public struct HitMiss: Sendable, Equatable, Codable {
    public var hits: Int = 0
    public var misses: Int = 0

    public init(hits: Int = 0, misses: Int = 0) {
        self.hits = hits
        self.misses = misses
    }

    public var lookups: Int { hits + misses }
    /// Hits over lookups; nil with no lookups (never a silent zero).
    public var hitRate: Double? { lookups > 0 ? Double(hits) / Double(lookups) : nil }
    public var missRate: Double? { lookups > 0 ? Double(misses) / Double(lookups) : nil }

    static func += (lhs: inout HitMiss, rhs: HitMiss) {
        lhs.hits += rhs.hits
        lhs.misses += rhs.misses
    }
}

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

/// Everything a `MemoryModel` counted: per access kind, in total, and the
/// cost of address-space switches.
public struct MemoryModelStatistics: Sendable, Equatable, Codable {
    /// Operations whose accesses were replayed (the sampled ones).
    public var operations: Int = 0
    /// Operations begun but not replayed (`sample` > 1).
    public var skippedOperations: Int = 0
    /// Changes of address space on a core (the first operation of a core is not one).
    public var addressSpaceSwitches: Int = 0
    /// Switches that flushed all of a core's TLB entries (`none`).
    public var fullFlushes: Int = 0
    /// Switches that took a new PCID and flushed its entries (`linux`).
    public var pcidFlushes: Int = 0
    /// Accesses reported outside `begin`…`end`; not modelled, counted so none vanish.
    public var droppedAccesses: Int = 0
    /// Counters per `AccessKind`, indexed by its raw value.
    public var byKind: [AccessCounters] = Array(repeating: AccessCounters(), count: AccessKind.allCases.count)

    public init() {}

    public subscript(kind: AccessKind) -> AccessCounters { byKind[kind.rawValue] }

    /// All kinds together.
    public var total: AccessCounters {
        var sum = AccessCounters()
        for counters in byKind { sum += counters }
        return sum
    }

    /// A total counter per modelled operation (nil with no operations).
    public func perOperation(_ keyPath: KeyPath<AccessCounters, Int>) -> Double? {
        operations > 0 ? Double(total[keyPath: keyPath]) / Double(operations) : nil
    }

    /// Misses of one level per modelled operation (nil with no operations).
    public func missesPerOperation(_ keyPath: KeyPath<AccessCounters, HitMiss>) -> Double? {
        operations > 0 ? Double(total[keyPath: keyPath].misses) / Double(operations) : nil
    }
}
