import Synchronization
import VectorCore

/// The runner's own copy of one tenant's data as it stands (after every
/// acknowledged upsert and delete), so a sampled search's recall is measured
/// against exact ground truth over exactly what the engine should hold.
final class ShadowTenant: Sendable {
    struct State {
        var ids: [UInt64] = []
        var vectors: [Float] = []
        var positions: [UInt64: Int] = [:]
    }

    let dimension: Int
    let metric: Metric
    private let state = Mutex(State())

    init(dimension: Int, metric: Metric) {
        self.dimension = dimension
        self.metric = metric
    }

    var count: Int { state.withLock { $0.ids.count } }

    func upsert(ids: [UInt64], vectors: [[Float]]) {
        state.withLock { state in
            for (id, vector) in zip(ids, vectors) {
                let stored = metric.normalizesVectors ? Distance.normalized(vector) : vector
                if let position = state.positions[id] {
                    state.vectors.replaceSubrange(position * dimension..<(position + 1) * dimension, with: stored)
                } else {
                    state.positions[id] = state.ids.count
                    state.ids.append(id)
                    state.vectors.append(contentsOf: stored)
                }
            }
        }
    }

    func delete(ids: [UInt64]) {
        state.withLock { state in
            for id in ids {
                guard let position = state.positions.removeValue(forKey: id) else { continue }
                let last = state.ids.count - 1
                if position != last {
                    let movedID = state.ids[last]
                    state.ids[position] = movedID
                    state.positions[movedID] = position
                    for component in 0..<dimension {
                        state.vectors[position * dimension + component] = state.vectors[last * dimension + component]
                    }
                }
                state.ids.removeLast()
                state.vectors.removeLast(dimension)
            }
        }
    }

    /// Exact k nearest ids (ties by smaller id) to a query.
    func exactNeighbours(of query: [Float], k: Int) -> [UInt64] {
        let q = metric.normalizesVectors ? Distance.normalized(query) : query
        return state.withLock { state in
            var best: [(Float, UInt64)] = []
            best.reserveCapacity(k + 1)
            q.withUnsafeBufferPointer { qp in
                state.vectors.withUnsafeBufferPointer { rows in
                    for position in 0..<state.ids.count {
                        let d = metric.distance(qp.baseAddress!, rows.baseAddress! + position * dimension, dimension)
                        let candidate = (d, state.ids[position])
                        if best.count < k || candidate < best[best.count - 1] {
                            let index = best.firstIndex { candidate < $0 } ?? best.count
                            best.insert(candidate, at: index)
                            if best.count > k { best.removeLast() }
                        }
                    }
                }
            }
            return best.map(\.1)
        }
    }
}
