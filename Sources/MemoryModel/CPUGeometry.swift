/// The memory hierarchy of one CPU model as the model needs it: the data
/// TLBs of one core, its L1D and L2, and the last-level cache.
///
/// - `firstLevelTLB`: the L1 dTLB arrays (Intel: one for 4 KiB, one for
///   2 MiB pages; AMD: one fully associative array for both).
/// - `secondLevelTLB`: the STLB / L2 DTLB arrays; a page size no array
///   lists goes from an L1 miss straight to a page walk.
/// - `llc`: one instance is shared by `llc.sharingCores` cores; the model
///   gives its cores their share (`sets / sharingCores` per modelled core, up
///   to the whole instance), the capacity a fully loaded socket leaves them.
public struct CPUGeometry: Sendable, Equatable, Codable {
    public var name: String
    /// Where the figures come from (document, or "CPUID").
    public var source: String
    public var firstLevelTLB: [TLBArrayGeometry]
    public var secondLevelTLB: [TLBArrayGeometry]
    public var l1d: CacheGeometry
    public var l2: CacheGeometry
    public var llc: CacheGeometry

    public init(
        name: String, source: String, firstLevelTLB: [TLBArrayGeometry], secondLevelTLB: [TLBArrayGeometry],
        l1d: CacheGeometry, l2: CacheGeometry, llc: CacheGeometry
    ) {
        self.name = name
        self.source = source
        self.firstLevelTLB = firstLevelTLB
        self.secondLevelTLB = secondLevelTLB
        self.l1d = l1d
        self.l2 = l2
        self.llc = llc
    }

    /// Checks every array and cache can exist: positive entries and ways,
    /// entries divisible by ways, sizes divisible into 64-byte-line sets, at
    /// most one array per page size and level, and an L1 array for every
    /// page size.
    public func validate() throws(MemoryModelError) {
        for (level, arrays) in [("L1 dTLB", firstLevelTLB), ("STLB", secondLevelTLB)] {
            var seen: Set<PageSize> = []
            for array in arrays {
                let structure = "\(name) \(level) \(array.pageSizes.map(\.description).joined(separator: "/"))"
                guard !array.pageSizes.isEmpty else {
                    throw .impossibleGeometry(structure: structure, reason: "holds no page size")
                }
                guard array.ways > 0 else { throw .impossibleGeometry(structure: structure, reason: "zero ways") }
                guard array.entries > 0 else { throw .impossibleGeometry(structure: structure, reason: "zero entries") }
                guard array.entries % array.ways == 0 else {
                    throw .impossibleGeometry(
                        structure: structure, reason: "\(array.entries) entries are not divisible by \(array.ways) ways")
                }
                for size in array.pageSizes {
                    guard seen.insert(size).inserted else {
                        throw .impossibleGeometry(structure: structure, reason: "a second array for \(size) pages")
                    }
                }
            }
            if level == "L1 dTLB" {
                for size in PageSize.allCases where !seen.contains(size) {
                    throw .impossibleGeometry(structure: "\(name) L1 dTLB", reason: "no array for \(size) pages")
                }
            }
        }
        for (label, cache) in [("L1D", l1d), ("L2", l2), ("LLC", llc)] {
            let structure = "\(name) \(label)"
            guard cache.ways > 0 else { throw .impossibleGeometry(structure: structure, reason: "zero ways") }
            guard cache.sharingCores > 0 else {
                throw .impossibleGeometry(structure: structure, reason: "shared by \(cache.sharingCores) cores")
            }
            let setBytes = CacheGeometry.lineBytes * cache.ways
            guard cache.bytes > 0, cache.bytes % setBytes == 0 else {
                throw .impossibleGeometry(
                    structure: structure,
                    reason: "\(cache.bytes) bytes are not a whole number of \(cache.ways)-way sets of 64-byte lines")
            }
            guard cache.sets % cache.sharingCores == 0 else {
                throw .impossibleGeometry(
                    structure: structure, reason: "\(cache.sets) sets do not divide among \(cache.sharingCores) cores")
            }
        }
    }

    /// The L1 and STLB arrays that hold `size` (nil: none at that level).
    func array(for size: PageSize, level: Int) -> TLBArrayGeometry? {
        (level == 1 ? firstLevelTLB : secondLevelTLB).first { $0.pageSizes.contains(size) }
    }
}
