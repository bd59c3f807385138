import MemoryModel
import VectorIndex

/// The `model` mode: each query's index accesses, recorded by the search,
/// replayed into a one-core `MemoryModel` whose L1D and LLC have the
/// geometry given to cachegrind (`--D1`, `--LL`). Cachegrind simulates two
/// levels, the model three: the model's L2 is one 64-byte line, which can
/// never hit (a line that misses L1D again was evicted by a later L1D miss,
/// which replaced it in that one-line L2), so the LLC sees every L1D miss,
/// as cachegrind's LL does.
struct ProbeModelReplay {
    let workload: ProbeWorkload

    /// The geometry: the TLB arrays do not matter here (a skylake-sp copy).
    static func geometry(d1: ProbeOptions.CacheSpec, ll: ProbeOptions.CacheSpec) -> CPUGeometry {
        var geometry = CPUGeometry.skylakeSP
        geometry.name = "model-check"
        geometry.source = "cachegrind --D1=\(d1) --LL=\(ll)"
        geometry.l1d = CacheGeometry(bytes: d1.bytes, ways: d1.ways)
        geometry.l2 = CacheGeometry(bytes: 64, ways: 1)
        geometry.llc = CacheGeometry(bytes: ll.bytes, ways: ll.ways, sharingCores: 1)
        return geometry
    }

    static func kind(_ kind: MemoryAccessKind) -> AccessKind {
        switch kind {
        case .vector: return .vector
        case .level0Links: return .level0Links
        case .upperLinks: return .upperLinks
        case .visitedMark: return .visitedMark
        case .label: return .label
        }
    }

    /// Replays every query and returns the figures as one JSON object.
    func run() throws(ProbeError) -> String {
        let options = workload.options
        let model: MemoryModel
        do {
            model = try MemoryModel(cpu: Self.geometry(d1: options.d1, ll: options.ll), cores: 1, pcid: .ideal)
        } catch {
            throw .model("\(error)")
        }
        var log = MemoryAccessLog()
        var checksum: UInt64 = 0
        for q in 0..<workload.queries.count {
            log.removeAll()
            checksum &+= ProbeWorkload.checksum(workload.search(q, recording: &log))
            do { try model.begin(operation: q, core: 0, addressSpace: 0) } catch { throw .model("\(error)") }
            for access in log.accesses {
                model.access(address: access.address, bytes: Int(access.bytes), kind: Self.kind(access.kind))
            }
            model.end()
        }
        let statistics = model.statistics
        let total = statistics.total
        var kinds: [String] = []
        for kind in AccessKind.allCases {
            let counters = statistics[kind]
            kinds.append("\"\(kind)\": {\"accesses\": \(counters.accesses), \"lines\": \(counters.l1d.lookups), "
                + "\"d1Misses\": \(counters.l1d.misses), \"llMisses\": \(counters.llc.misses)}")
        }
        return """
            {"queries": \(statistics.operations), "checksum": \(checksum), "accesses": \(total.accesses), \
            "lines": \(total.l1d.lookups), "d1Misses": \(total.l1d.misses), "l2Hits": \(total.l2.hits), \
            "llMisses": \(total.llc.misses), "byKind": {\(kinds.joined(separator: ", "))}}
            """
    }
}
