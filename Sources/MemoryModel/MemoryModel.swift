/// A data-TLB and cache hierarchy replayed from recorded memory accesses:
/// what an operation stream would cost in TLB misses, page walks and cache
/// misses on a given CPU, on a machine without a PMU.
///
/// Feed it operations in the order each core ran them: `begin(operation:
/// core:addressSpace:)`, the operation's accesses (`access(address:bytes:
/// kind:)`), `end()`. Read `statistics`. One model is fed from one thread.
///
/// | part | modelled as |
/// |---|---|
/// | cores | `cores` independent cores; each has its TLBs, L1D and L2, and runs one address space at a time |
/// | L1 dTLB | the preset's first-level arrays (Intel: 4 KiB and 2 MiB apart; AMD: one for both), set-associative, LRU per set |
/// | STLB | the preset's second-level arrays for the page sizes they hold, LRU per set; filled on a walk; L1 filled on an STLB hit or walk |
/// | page walk | a translation that misses L1 and STLB (counted, not timed) |
/// | TLB tags | per `PCIDMode`: `none` flushes a core's TLBs on every address-space switch, `linux` keeps 6 PCIDs per core (round-robin reuse, flushing the reused PCID), `ideal` never flushes |
/// | L1D, L2 | per core, 64-byte lines, set-associative LRU |
/// | LLC | one, shared by the model's cores: the preset's per-core share × cores (capped at one instance), LRU |
/// | fill policy | a missing line fills every level; evictions do not back-invalidate (non-inclusive, as Cachegrind) |
/// | physical memory | each address space's pages are distinct physical memory, unless a region is registered as shared; caches are indexed by virtual line number plus a per-address-space frame offset |
/// | page size | per registered `PageRegion`; anything else `defaultPageSize` |
/// | granularity | one TLB lookup per page and one cache access per 64-byte line that an access touches |
/// | sampling | every `sample`-th operation (by its number) is replayed; address-space switches are applied for every operation |
///
/// Left out: hardware and software prefetchers (the engine's prefetches are
/// not reported as accesses), page-walk caches and the cache traffic of the
/// walk itself, kernel entries (syscalls, interrupts, page faults) and their
/// TLB and cache footprint, global pages, PTI's second PCID per process,
/// speculative and wrong-path accesses, instruction fetches and the iTLB,
/// 1 GiB pages, writes as distinct from reads (write-allocate, no
/// write-back traffic), coherence between cores, TLB shootdowns, the query
/// vector, the stack and the engine's own bookkeeping (only the accesses the
/// engine reports exist), and timing of any kind.
public final class MemoryModel {
    public let cpu: CPUGeometry
    public let cores: Int
    public let pcid: PCIDMode
    public let sample: Int
    /// Page size of an address in no registered region.
    public let defaultPageSize: PageSize

    /// Address-space ids must be below this (they share tag bits with page
    /// and line numbers).
    public static let addressSpaceLimit = (1 << 20) - 1
    /// Shared-memory ids must be below this.
    public static let sharedMemoryLimit = 1 << 20

    let tlbs: [TLBHierarchy]
    var tags: [AddressSpaceTags]
    let caches: CacheHierarchy
    /// Whether the STLB holds 4 KiB / 2 MiB pages (an L1 miss otherwise walks at once).
    let stlbHolds4K: Bool, stlbHolds2M: Bool
    var regions = PageRegionMap()
    var statisticsHeader = MemoryModelStatistics()
    let counters: UnsafeMutablePointer<AccessCounters>

    // The operation being replayed.
    var inOperation = false
    var replaying = false
    var core = 0
    var space = 0
    var tlbTag: UInt64 = 0
    var tlb: TLBHierarchy
    var l1d: LRUSetArray
    var l2: LRUSetArray
    var cachedRegion: PageRegion?

    /// A model of `cores` cores of `cpu` under `pcid`, replaying every
    /// `sample`-th operation.
    public init(
        cpu: CPUGeometry, cores: Int, pcid: PCIDMode, sample: Int = 1, defaultPageSize: PageSize = .size4K
    ) throws(MemoryModelError) {
        try cpu.validate()
        guard cores > 0 else { throw .invalidCoreCount(cores) }
        guard sample > 0 else { throw .invalidSample(sample) }
        self.cpu = cpu
        self.cores = cores
        self.pcid = pcid
        self.sample = sample
        self.defaultPageSize = defaultPageSize
        tlbs = (0..<cores).map { _ in TLBHierarchy(geometry: cpu) }
        tags = Array(repeating: AddressSpaceTags(mode: pcid), count: cores)
        caches = CacheHierarchy(geometry: cpu, cores: cores)
        stlbHolds4K = cpu.array(for: .size4K, level: 2) != nil
        stlbHolds2M = cpu.array(for: .size2M, level: 2) != nil
        counters = .allocate(capacity: AccessKind.allCases.count)
        counters.initialize(repeating: AccessCounters(), count: AccessKind.allCases.count)
        tlb = tlbs[0]
        l1d = caches.l1d[0]
        l2 = caches.l2[0]
    }

    deinit { counters.deinitialize(count: AccessKind.allCases.count).deallocate() }

    /// Registers the page size (and sharing) of a range of addresses.
    public func registerRegion(_ region: PageRegion) throws(MemoryModelError) {
        if let space = region.addressSpace, !(0..<Self.addressSpaceLimit).contains(space) {
            throw .addressSpaceOutOfRange(id: space, limit: Self.addressSpaceLimit)
        }
        if let shared = region.sharedMemory, !(0..<Self.sharedMemoryLimit).contains(shared) {
            throw .sharedMemoryOutOfRange(id: shared, limit: Self.sharedMemoryLimit)
        }
        try regions.add(region)
        cachedRegion = nil
    }

    public func registerRegion(
        base: UInt, length: Int, pageSize: PageSize, addressSpace: Int? = nil, sharedMemory: Int? = nil
    ) throws(MemoryModelError) {
        try registerRegion(PageRegion(base: base, length: length, pageSize: pageSize, addressSpace: addressSpace,
                                      sharedMemory: sharedMemory))
    }

    /// Whether operation number `operation` is replayed under `sample`, so
    /// a caller can skip recording the others.
    public func isSampled(operation: Int) -> Bool { operation % sample == 0 }

    /// Everything counted so far.
    public var statistics: MemoryModelStatistics {
        var result = statisticsHeader
        result.byKind = Array(UnsafeBufferPointer(start: counters, count: AccessKind.allCases.count))
        return result
    }

    /// Zeroes the counters and keeps the TLB and cache contents (to leave a
    /// warm-up out of the figures).
    public func resetStatistics() {
        statisticsHeader = MemoryModelStatistics()
        counters.update(repeating: AccessCounters(), count: AccessKind.allCases.count)
    }
}
