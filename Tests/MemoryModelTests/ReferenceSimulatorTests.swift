import Testing
@testable import MemoryModel

/// The model's L1D and LLC misses on fixed synthetic traces against an
/// independent, deliberately plain simulator written here: two-level,
/// cachegrind-style (a line that misses L1D goes to the LLC; both fill;
/// no inclusion), LRU kept as a last-use timestamp per way, sets picked by
/// `line mod sets`. The model keeps LRU as move-to-front order and offsets
/// its set index per address space, so agreement tests the model, not a
/// copy of it.
///
/// Band: the two must agree exactly (ratio 1.0). Both are deterministic LRU
/// over the same line stream, and the model's per-address-space set offset is
/// a whole multiple of 64 lines, a rotation of the sets that changes no
/// conflict. The model's L2 is one 64-byte line, which can never hit (see
/// `passThroughL2`), so its LLC sees every L1D miss, as the reference's does.
@Suite("Model against a reference simulator")
struct ReferenceSimulatorTests {
    /// A set-associative LRU cache by timestamps.
    struct ReferenceCache {
        let sets: Int, ways: Int
        var tags: [UInt64]
        var lastUse: [Int]
        var clock = 0

        init(bytes: Int, ways: Int) {
            self.sets = bytes / (64 * ways)
            self.ways = ways
            tags = Array(repeating: .max, count: sets * ways)
            lastUse = Array(repeating: -1, count: sets * ways)
        }

        /// Whether `line` hit; on a miss it replaces the least recently used way.
        mutating func access(_ line: UInt64) -> Bool {
            clock += 1
            let base = Int(line % UInt64(sets)) * ways
            var victim = base
            for way in base..<(base + ways) {
                if tags[way] == line {
                    lastUse[way] = clock
                    return true
                }
                if lastUse[way] < lastUse[victim] { victim = way }
            }
            tags[victim] = line
            lastUse[victim] = clock
            return false
        }
    }

    struct Misses: Equatable { var l1d = 0, llc = 0, lines = 0 }

    static func reference(_ trace: [(address: UInt, bytes: Int)], l1d: CacheGeometry, llc: CacheGeometry) -> Misses {
        var first = ReferenceCache(bytes: l1d.bytes, ways: l1d.ways)
        var last = ReferenceCache(bytes: llc.bytes, ways: llc.ways)
        var misses = Misses()
        for (address, bytes) in trace {
            for line in UInt64(address >> 6)...UInt64((address + UInt(bytes) - 1) >> 6) {
                misses.lines += 1
                if first.access(line) { continue }
                misses.l1d += 1
                if !last.access(line) { misses.llc += 1 }
            }
        }
        return misses
    }

    /// The geometry a model-check uses: the given L1D and LLC, a one-line L2.
    static func passThroughL2(l1d: CacheGeometry, llc: CacheGeometry) -> CPUGeometry {
        var geometry = TestGeometry.tiny()
        geometry.l1d = l1d
        geometry.l2 = CacheGeometry(bytes: 64, ways: 1)
        geometry.llc = llc
        return geometry
    }

    static func model(_ trace: [(address: UInt, bytes: Int)], l1d: CacheGeometry, llc: CacheGeometry) throws -> Misses {
        let model = try MemoryModel(cpu: passThroughL2(l1d: l1d, llc: llc), cores: 1, pcid: .ideal)
        try model.begin(operation: 0, core: 0, addressSpace: 3)
        for (address, bytes) in trace { model.access(address: address, bytes: bytes, kind: .vector) }
        model.end()
        let total = model.statistics.total
        #expect(total.l2.hits == 0, "the one-line L2 must never hit")
        return Misses(l1d: total.l1d.misses, llc: total.llc.misses, lines: total.l1d.lookups)
    }

    /// An HNSW-like trace: 256-byte "vectors" and 100-byte "link lists" at
    /// seeded random nodes of a 2,000-node graph, a hot 16 KiB region, and
    /// accesses that straddle lines.
    static func graphTrace(seed: UInt64, accesses: Int) -> [(address: UInt, bytes: Int)] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let vectors: UInt = 0x7F00_0000_0000, links: UInt = 0x7F10_0000_0000, hot: UInt = 0x7F20_0000_0000
        var trace: [(address: UInt, bytes: Int)] = []
        var node = next() % 2_000
        for _ in 0..<accesses {
            switch next() % 8 {
            case 0, 1, 2: trace.append((vectors + UInt(node) * 256, 256))
            case 3: trace.append((links + UInt(node) * 100, 100))
            case 4: trace.append((hot + UInt(next() % 16_384), 8))
            default: node = (node &+ next() % 64) % 2_000  // mostly nearby: some locality
            }
            if next() % 5 == 0 { node = next() % 2_000 }
        }
        return trace
    }

    @Test("graph-like trace: L1D and LLC misses equal the reference's",
          arguments: [
            (CacheGeometry(bytes: 32 * 1024, ways: 8), CacheGeometry(bytes: 256 * 1024, ways: 16)),
            // 192 LLC sets: not a power of two (the model's modulo path).
            (CacheGeometry(bytes: 48 * 1024, ways: 12), CacheGeometry(bytes: 192 * 64 * 12, ways: 12)),
          ])
    func graphTrace(l1d: CacheGeometry, llc: CacheGeometry) throws {
        let trace = Self.graphTrace(seed: 12, accesses: 60_000)
        let expected = Self.reference(trace, l1d: l1d, llc: llc)
        let modelled = try Self.model(trace, l1d: l1d, llc: llc)
        #expect(expected.l1d > 1_000 && expected.llc > 100, "the trace must miss at both levels to test anything")
        #expect(modelled == expected)
    }

    @Test("strided sweep over more lines than the LLC holds: every line misses in both")
    func sweep() throws {
        let l1d = CacheGeometry(bytes: 4 * 1024, ways: 4), llc = CacheGeometry(bytes: 16 * 1024, ways: 4)
        // 512 lines twice: LRU keeps none of a sweep larger than the cache.
        let trace = (0..<2).flatMap { _ in (0..<512).map { (address: UInt(0x1000_0000 + $0 * 64), bytes: 4) } }
        let expected = Self.reference(trace, l1d: l1d, llc: llc)
        #expect(expected == Misses(l1d: 1_024, llc: 1_024, lines: 1_024))
        #expect(try Self.model(trace, l1d: l1d, llc: llc) == expected)
    }
}
