/// A range of virtual addresses with the page size that backs it, as the
/// caller registers it with `MemoryModel.registerRegion`.
///
/// `addressSpace` nil applies the region to every address space (an
/// embedded engine, or the same layout in each worker). `sharedMemory` names
/// physical memory several address spaces map (a file in the page cache):
/// the caches see one copy, addressed by offset in the region; without it
/// each address space's pages are its own physical memory.
public struct PageRegion: Sendable, Equatable {
    public var base: UInt
    public var length: Int
    public var pageSize: PageSize
    public var addressSpace: Int?
    public var sharedMemory: Int?

    public init(base: UInt, length: Int, pageSize: PageSize, addressSpace: Int? = nil, sharedMemory: Int? = nil) {
        self.base = base
        self.length = length
        self.pageSize = pageSize
        self.addressSpace = addressSpace
        self.sharedMemory = sharedMemory
    }

    public var end: UInt { base &+ UInt(length) }

    @inline(__always)
    func contains(_ address: UInt) -> Bool { address >= base && address < end }
}

/// The registered regions, looked up by address for the current address
/// space: its own regions first, then the regions of every space. Lookups
/// remember the last region found, since consecutive accesses mostly fall
/// in the same array.
struct PageRegionMap {
    private var global: [PageRegion] = []
    private var perSpace: [Int: [PageRegion]] = [:]

    var isEmpty: Bool { global.isEmpty && perSpace.isEmpty }

    mutating func add(_ region: PageRegion) throws(MemoryModelError) {
        guard region.length > 0 else {
            throw .invalidRegion(base: region.base, length: region.length, reason: "the length must be positive")
        }
        guard region.base <= UInt.max - UInt(region.length) else {
            throw .invalidRegion(base: region.base, length: region.length, reason: "it wraps past the end of the address space")
        }
        var list = region.addressSpace.map { perSpace[$0] ?? [] } ?? global
        if let clash = list.first(where: { $0.base < region.end && region.base < $0.end }) {
            throw .overlappingRegion(base: region.base, length: region.length, existingBase: clash.base,
                                     existingLength: clash.length, addressSpace: region.addressSpace)
        }
        list.append(region)
        list.sort { $0.base < $1.base }
        if let space = region.addressSpace { perSpace[space] = list } else { global = list }
    }

    /// The region holding `address` in `space`, or nil.
    func find(_ address: UInt, space: Int) -> PageRegion? {
        if let own = perSpace[space], let hit = Self.search(own, address) { return hit }
        return Self.search(global, address)
    }

    private static func search(_ sorted: [PageRegion], _ address: UInt) -> PageRegion? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].end <= address { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low].contains(address) ? sorted[low] : nil
    }
}
