import VectorIndex

/// Rebases recorded addresses to fixed synthetic ones, so modelled misses
/// repeat exactly from run to run: under ASLR the real addresses, and with
/// them the TLB and cache sets they fall in, change every run.
///
/// | addresses | become |
/// |---|---|
/// | inside a registered index array | that array's synthetic base + offset; arrays are packed from `regionBase`, each on the next 64-byte line, in the order the engine lists them (tenant, segment, graph) — never in real-address order, which changes with allocation timing |
/// | anything else (visited marks, upper-level link blocks, labels) | a synthetic slot of the access's size, packed from `heapBase` in order of first touch of that real address (aligned to the access size, at most 8 bytes) |
///
/// The heap is mapped by the address of each item, not by page or line,
/// because which small blocks share a real page or line depends on which
/// thread allocated them when (the load and the seals run on several
/// threads), and the same searches touch the same items every run.
/// First-touch packing puts items touched together side by side, so it
/// understates the heap's TLB and cache footprint; the index arrays, which
/// hold most of the data, keep their real layout.
///
/// First-touch numbering depends only on the order of the replayed
/// searches, which is fixed for a seed when the phase runs one client.
struct SyntheticAddressMap {
    static let regionBase: UInt = 1 << 36
    static let heapBase: UInt = 1 << 44
    static let lineBytes: UInt = 64

    struct Region: Equatable {
        var real: Range<UInt>
        var synthetic: UInt
        var name: String
    }

    /// In the order given; a range overlapping an earlier one is left out.
    private(set) var regions: [Region] = []
    /// `regions` sorted by real address, for lookups.
    private var sorted: [Region] = []
    private var items: [UInt: UInt] = [:]
    private var nextHeapAddress: UInt = heapBase

    init(ranges: [(name: String, range: Range<UInt>)]) {
        var next = Self.regionBase
        for (name, range) in ranges where !range.isEmpty {
            if Self.find(range.lowerBound, in: sorted) != nil || Self.find(range.upperBound - 1, in: sorted) != nil { continue }
            let start = (next + Self.lineBytes - 1) / Self.lineBytes * Self.lineBytes
            let region = Region(real: range, synthetic: start, name: name)
            regions.append(region)
            let at = sorted.firstIndex { $0.real.lowerBound > range.lowerBound } ?? sorted.endIndex
            sorted.insert(region, at: at)
            next = start + UInt(range.count)
        }
    }

    /// Heap items placed so far.
    var heapItems: Int { items.count }

    func region(containing address: UInt) -> Region? { Self.find(address, in: sorted) }

    private static func find(_ address: UInt, in sorted: [Region]) -> Region? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].real.upperBound <= address { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low].real.contains(address) ? sorted[low] : nil
    }

    /// Appends the access, rebased, to `log`.
    mutating func record(address: UInt, bytes: Int, kind: MemoryAccessKind, into log: inout MemoryAccessLog) {
        if let region = region(containing: address) {
            log.access(address: region.synthetic + (address - region.real.lowerBound), bytes: bytes, kind: kind)
            return
        }
        let size = UInt(max(bytes, 1))
        let synthetic: UInt
        if let known = items[address] {
            synthetic = known
        } else {
            let alignment = min(UInt(1) << UInt(UInt.bitWidth - (size - 1).leadingZeroBitCount), 8)
            synthetic = (nextHeapAddress + alignment - 1) / alignment * alignment
            items[address] = synthetic
            nextHeapAddress = synthetic + size
        }
        log.access(address: synthetic, bytes: bytes, kind: kind)
    }
}

/// A recorder that rebases every access through a `SyntheticAddressMap`
/// into a log.
struct SyntheticAccessLog: MemoryAccessRecorder {
    var map: SyntheticAddressMap
    var log = MemoryAccessLog()

    mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind) {
        map.record(address: address, bytes: bytes, kind: kind, into: &log)
    }
}
