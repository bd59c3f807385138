import VectorCore
import VectorIndex

/// The probe's workload: a clustered dataset generated in-process from the
/// seed, an HNSW index built on one thread (no worker threads, so the order
/// of inserts — and with it the graph and every count — repeats exactly),
/// and the query set.
final class ProbeWorkload {
    let options: ProbeOptions
    let index: HNSWIndex
    let queries: DenseMatrix<Float>

    init(options: ProbeOptions) throws(ProbeError) {
        self.options = options
        var generator = ClusteredDatasetGenerator(
            count: options.count, dimension: options.dimension, clusters: options.clusters, queries: options.queries,
            seed: options.seed)
        generator.noise = 0.3
        let data = generator.generate(threads: 1)
        queries = data.queries
        do {
            index = try HNSWIndex(
                dimension: options.dimension, metric: .l2,
                parameters: HNSWParameters(m: options.m, efConstruction: options.efConstruction, seed: options.seed),
                capacity: options.count, hugePages: .never)
            try data.base.withUnsafeBufferPointer { rows throws(HNSWError) in
                try index.build(rows: rows.baseAddress!, count: options.count, threads: 1)
            }
        } catch {
            throw .build("\(error)")
        }
    }

    /// One query with the probe's k and ef.
    @inline(__always)
    func search(_ q: Int) -> [Neighbor<UInt64>] {
        queries.withRow(q) { index.search($0, k: options.k, ef: options.ef) }
    }

    /// One query, its index accesses appended to `log`.
    func search(_ q: Int, recording log: inout MemoryAccessLog) -> [Neighbor<UInt64>] {
        queries.withRow(q) { index.search($0, k: options.k, ef: options.ef, excluding: NoExclusion(), accesses: &log) }
    }

    /// A query outside the measured loop, so the pooled visited set and
    /// candidate list exist before it (a warm search allocates nothing).
    func warmUp() -> UInt64 { Self.checksum(search(0)) }

    /// Writes and reads `flushBytes` of fresh memory line by line, so that
    /// every simulated cache holds none of the index when the queries start
    /// (the model starts empty too).
    func flushCaches() -> UInt64 {
        let lines = options.flushBytes / 64
        guard lines > 0 else { return 0 }
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: lines * 8)
        defer { buffer.deallocate() }
        var sum: UInt64 = 0
        for line in 0..<lines { buffer[line * 8] = UInt64(line) }
        for line in 0..<lines { sum &+= buffer[line * 8] }
        return sum
    }

    /// Every query once: the measured loop. Never inlined, so Valgrind can
    /// select it by name (`callgrind --toggle-collect=*searchAll*`): all it
    /// calls is counted, nothing else.
    @inline(never)
    func searchAll() -> UInt64 {
        var sum: UInt64 = 0
        for q in 0..<queries.count { sum &+= Self.checksum(search(q)) }
        return sum
    }

    /// Ids and rank folded together, so two runs that answer differently
    /// print different checksums.
    static func checksum(_ found: [Neighbor<UInt64>]) -> UInt64 {
        var sum: UInt64 = 0
        for (rank, neighbor) in found.enumerated() { sum = sum &* 31 &+ neighbor.id &* UInt64(rank + 1) }
        return sum
    }
}
