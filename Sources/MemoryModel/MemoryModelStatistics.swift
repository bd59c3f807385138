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
