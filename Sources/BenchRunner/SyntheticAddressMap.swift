import VectorIndex

/// Rebases recorded addresses to fixed synthetic ones, so modelled misses
/// repeat exactly from run to run: under ASLR the real addresses, and with
/// them the TLB and cache sets they fall in, change every run.
///
/// | addresses | become |
/// |---|---|
/// | inside a registered index array | that array's synthetic base + offset; arrays are laid out from `regionBase` in address order, each on a 2 MiB boundary with a 2 MiB gap |
/// | anything else (visited marks, upper-level links, labels, appendable rows) | a synthetic 4 KiB page numbered from `heapBase` in order of first touch, same offset in the page; an access crossing a page is split |
///
/// First-touch numbering depends only on the order of the replayed
/// searches, which is fixed for a seed when the phase runs one client.
struct SyntheticAddressMap {
    static let regionBase: UInt = 1 << 36
    static let heapBase: UInt = 1 << 44
    static let regionAlignment: UInt = 1 << 21

    struct Region: Equatable {
        var real: Range<UInt>
        var synthetic: UInt
        var name: String
    }

    /// Sorted by real address; overlapping ranges are kept once.
    private(set) var regions: [Region] = []
    private var pages: [UInt: UInt] = [:]
    private var nextHeapPage: UInt = heapBase >> 12

    init(ranges: [(name: String, range: Range<UInt>)]) {
        var next = Self.regionBase
        for (name, range) in ranges.filter({ !$0.range.isEmpty }).sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = regions.last, last.real.overlaps(range) { continue }
            regions.append(Region(real: range, synthetic: next, name: name))
            let length = UInt(range.count)
            next += (length + Self.regionAlignment - 1) / Self.regionAlignment * Self.regionAlignment + Self.regionAlignment
        }
    }

    /// Pages of the heap numbered so far.
    var heapPages: Int { pages.count }

    func region(containing address: UInt) -> Region? {
        var low = 0, high = regions.count
        while low < high {
            let mid = (low + high) / 2
            if regions[mid].real.upperBound <= address { low = mid + 1 } else { high = mid }
        }
        return low < regions.count && regions[low].real.contains(address) ? regions[low] : nil
    }

    /// Appends the access, rebased, to `log`.
    mutating func record(address: UInt, bytes: Int, kind: MemoryAccessKind, into log: inout MemoryAccessLog) {
        if let region = region(containing: address) {
            log.access(address: region.synthetic + (address - region.real.lowerBound), bytes: bytes, kind: kind)
            return
        }
        var address = address, remaining = max(bytes, 1)
        while remaining > 0 {
            let page = address >> 12, offset = address & 0xFFF
            let chunk = min(remaining, 4096 - Int(offset))
            let synthetic: UInt
            if let known = pages[page] {
                synthetic = known
            } else {
                synthetic = nextHeapPage
                pages[page] = synthetic
                nextHeapPage += 1
            }
            log.access(address: synthetic << 12 | offset, bytes: chunk, kind: kind)
            address += UInt(chunk)
            remaining -= chunk
        }
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
