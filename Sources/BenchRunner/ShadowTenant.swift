import Synchronization
import VectorCore
import VectorIndex

/// The runner's own copy of one tenant's data as it stands (after every
/// acknowledged upsert and delete), so a sampled search's recall is measured
/// against exact ground truth over exactly what the engine should hold.
///
/// The copy is a `BruteForceIndex`: the one exact k-NN, the same scan that
/// computes `vecbench ann`'s ground truth. Recall is `TieAwareRecall`, the
/// rule `ann` uses, with every returned id's distance recomputed here so that
/// truth and result are measured by one kernel on the same float vectors
/// (the engine's own distances may come from quantized codes).
final class ShadowTenant: Sendable {
    struct State {
        var index: BruteForceIndex
        var positions: [UInt64: Int] = [:]
    }

    let dimension: Int
    let metric: Metric
    private let state: Mutex<State>

    init(dimension: Int, metric: Metric) {
        self.dimension = dimension
        self.metric = metric
        state = Mutex(State(index: BruteForceIndex(dimension: dimension, metric: metric)))
    }

    var count: Int { state.withLock { $0.index.count } }

    /// Vectors the engine refused (wrong dimension, non-finite) never reach
    /// here: only acknowledged upserts are shadowed.
    func upsert(ids: [UInt64], vectors: [[Float]]) {
        state.withLock { state in
            for (id, vector) in zip(ids, vectors) {
                if let position = state.positions[id] {
                    try? state.index.replaceVector(at: position, with: vector)
                } else if (try? state.index.add(vector, id: id)) != nil {
                    state.positions[id] = state.index.count - 1
                }
            }
        }
    }

    func delete(ids: [UInt64]) {
        state.withLock { state in
            for id in ids {
                guard let position = state.positions.removeValue(forKey: id) else { continue }
                if let moved = state.index.removeBySwappingLast(at: position) { state.positions[moved] = position }
            }
        }
    }

    /// Exact k nearest, nearest first (ties by smaller id).
    func exactNeighbours(of query: [Float], k: Int) -> [Neighbor<UInt64>] {
        state.withLock { state in (try? state.index.search(query, k: k)) ?? [] }
    }

    /// Tie-aware recall@k of `found` (ids, nearest first) for `query`: the
    /// share of the exact top-min(k, count) that `found` matches, where a
    /// returned id at no more than the k-th true distance counts as a match.
    /// An id this tenant does not hold (deleted, never written) is a miss.
    /// Nil when the tenant holds nothing.
    func recall(of found: [UInt64], query: [Float], k: Int) -> Double? {
        state.withLock { state -> Double? in
            guard let truth = try? state.index.search(query, k: k), let kth = truth.last else { return nil }
            let results: [(id: UInt64, distance: Float)] = found.prefix(truth.count).map { id in
                let distance = state.positions[id].flatMap { try? state.index.distance(from: query, toRowAt: $0) }
                return (id, distance ?? .infinity)
            }
            let hits = TieAwareRecall(k: truth.count).hits(results: results, truth: truth.map(\.id), kthTrueDistance: kth.distance)
            return Double(hits) / Double(truth.count)
        }
    }
}
