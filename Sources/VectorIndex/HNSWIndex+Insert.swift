import Dispatch
import HeapModule
import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

extension HNSWIndex {
    /// Inserts one point. Safe to call from many threads at once.
    /// Throws for a duplicate id, a full index, or a bad vector (wrong
    /// dimension, NaN or infinity) — nothing is changed in those cases.
    public func insert(_ vector: UnsafeBufferPointer<Float>, id label: UInt64) throws(HNSWError) {
        guard !isReadOnly else { throw .readOnly }
        do { try VectorValidation.check(vector, dimension: dimension) } catch {
            throw .invalidVector(id: label, error)
        }
        let node: UInt32 = try labelToID.withLock { map throws(HNSWError) in
            guard map[label] == nil else { throw .duplicateID(label) }
            let claimed = claimedCount.load(ordering: .relaxed)
            guard claimed < capacity else { throw .capacityExceeded(capacity: capacity) }
            claimedCount.store(claimed + 1, ordering: .releasing)
            map[label] = UInt32(claimed)
            return UInt32(claimed)
        }
        let level = drawLevel()
        let target = vectorPointer(node)
        target.update(from: vector.baseAddress!, count: dimension)
        if metric.normalizesVectors { Distance.normalize(target, dimension) }
        labels[Int(node)] = label
        levels[Int(node)] = UInt8(level)
        if level > 0 {
            let block = UnsafeMutablePointer<UInt32>.allocate(capacity: level * upperStride)
            block.initialize(repeating: 0, count: level * upperStride)
            upper[Int(node)] = block
        }
        // Hold the node's own lock until it is linked on every level.
        linkLocks.withLock(node) {
            switch metric {
            case .l2: link(node, level: level, kernel: L2Kernel.self)
            case .innerProduct: link(node, level: level, kernel: InnerProductKernel.self)
            case .cosine: link(node, level: level, kernel: CosineKernel.self)
            }
        }
    }

    /// Runs `body` under `node`'s link lock, unless `node` is the one being
    /// inserted (whose lock the caller already holds).
    @inline(__always)
    private func withLinks<Result>(of node: UInt32, inserting: UInt32, _ body: () -> Result) -> Result {
        node == inserting ? body() : linkLocks.withLock(node, body)
    }

    public func insert(_ vector: [Float], id label: UInt64) throws(HNSWError) {
        try vector.withUnsafeBufferPointer { buffer throws(HNSWError) in try insert(buffer, id: label) }
    }

    /// Inserts `count` rows of a row-major matrix with ids `ids[i]` (or
    /// `firstID + i`) on `threads` threads. The first point goes in alone, as
    /// hnswlib's `add_items` does, so the graph has an entry point before the
    /// threads start. On a failure the first error is thrown after all
    /// threads stop; points inserted before it stay.
    public func build(
        rows: UnsafePointer<Float>, count rowCount: Int, ids: UnsafeBufferPointer<UInt64>? = nil,
        firstID: UInt64 = 0, threads: Int
    ) throws(HNSWError) {
        if let ids, ids.count != rowCount {
            throw .invalidParameter("build got \(ids.count) ids for \(rowCount) rows")
        }
        func label(_ row: Int) -> UInt64 { ids?[row] ?? firstID &+ UInt64(row) }
        func insertRow(_ row: Int) throws(HNSWError) {
            try insert(UnsafeBufferPointer(start: rows + row * dimension, count: dimension), id: label(row))
        }
        guard rowCount > 0 else { return }
        try insertRow(0)
        let workers = max(1, min(threads, rowCount / 4))
        if workers == 1 {
            for row in 1..<rowCount { try insertRow(row) }
            return
        }
        let next = Atomic<Int>(1)
        let firstError = Mutex<HNSWError?>(nil)
        let unsafeRows = UnsafeSendable(rows), unsafeIDs = UnsafeSendable(ids)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let row = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard row < rowCount, firstError.withLock({ $0 == nil }) else { return }
                do throws(HNSWError) {
                    try insert(UnsafeBufferPointer(start: unsafeRows.value + row * dimension, count: dimension),
                               id: unsafeIDs.value?[row] ?? firstID &+ UInt64(row))
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    /// `⌊−ln(U) · mL⌋`, U uniform in (0, 1], from the seeded generator.
    func drawLevel() -> Int {
        let uniform = levelGenerator.withLock { generator in 1 - generator.nextUnitDouble() }
        let level = Int(-log(uniform) * parameters.levelMultiplier)
        return min(level, Int(UInt8.max))
    }

    /// Connects a node whose vector and level are in place (hnswlib's addPoint).
    func link<K: DistanceKernel>(_ node: UInt32, level: Int, kernel: K.Type) {
        // Hold the entry lock through the whole insert only when this node
        // becomes the new top; otherwise take a snapshot and let go at once.
        let snapshot: EntryState? = entry.withLock { state in
            if state.maxLevel < 0 {
                state = EntryState(entryPoint: node, maxLevel: level)
                return nil
            }
            if level > state.maxLevel {
                connect(node, level: level, from: state, kernel: K.self)
                state = EntryState(entryPoint: node, maxLevel: level)
                return nil
            }
            return state
        }
        if let snapshot { connect(node, level: level, from: snapshot, kernel: K.self) }
    }

    private func connect<K: DistanceKernel>(_ node: UInt32, level: Int, from state: EntryState, kernel: K.Type) {
        let query = UnsafePointer(vectorPointer(node))
        var current = state.entryPoint
        var currentDistance = K.distance(query, vectorPointer(current), dimension)
        if level < state.maxLevel {
            for layer in stride(from: state.maxLevel, to: level, by: -1) {
                var changed = true
                while changed {
                    changed = false
                    withLinks(of: current, inserting: node) {
                        let links = linksPointer(current, level: layer)
                        for slot in 0..<Int(links[0]) {
                            let candidate = links[1 + slot]
                            let d = K.distance(query, vectorPointer(candidate), dimension)
                            if d < currentDistance {
                                currentDistance = d
                                current = candidate
                                changed = true
                            }
                        }
                    }
                }
            }
        }
        for layer in stride(from: min(level, state.maxLevel), through: 0, by: -1) {
            var candidates = searchLayerForInsert(query, inserting: node, entry: current, layer: layer, kernel: K.self)
            current = connectNeighbours(node, candidates: &candidates, layer: layer, kernel: K.self)
        }
    }

    /// hnswlib's searchBaseLayer: best `efConstruction` nodes of one layer,
    /// reading each link list under its lock (other threads are inserting).
    private func searchLayerForInsert<K: DistanceKernel>(
        _ query: UnsafePointer<Float>, inserting node: UInt32, entry start: UInt32, layer: Int, kernel: K.Type
    ) -> Heap<Candidate> {
        let ef = parameters.efConstruction
        return visitedPool.withVisitedSet { visited in
            let tag = visited.tag
            var results = Heap<Candidate>()
            var frontier = Heap<Candidate>()
            let startDistance = K.distance(query, vectorPointer(start), dimension)
            results.insert(Candidate(distance: startDistance, id: start))
            frontier.insert(Candidate(distance: startDistance, id: start))
            visited.nodeMarks[Int(start)] = tag
            var lowerBound = startDistance
            let degreeLimit = maxDegree(level: layer)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: degreeLimit) { scratch in
                while let closest = frontier.min {
                    if closest.distance > lowerBound && results.count >= ef { break }
                    frontier.removeMin()
                    let degree = withLinks(of: closest.id, inserting: node) { () -> Int in
                        let links = linksPointer(closest.id, level: layer)
                        let degree = Int(links[0])
                        for slot in 0..<degree { scratch[slot] = links[1 + slot] }
                        return degree
                    }
                    for slot in 0..<degree {
                        let candidate = scratch[slot]
                        if visited.nodeMarks[Int(candidate)] == tag { continue }
                        visited.nodeMarks[Int(candidate)] = tag
                        let d = K.distance(query, vectorPointer(candidate), dimension)
                        if results.count < ef {
                            frontier.insert(Candidate(distance: d, id: candidate))
                            results.insert(Candidate(distance: d, id: candidate))
                            lowerBound = results.max!.distance
                        } else if d < lowerBound {
                            frontier.insert(Candidate(distance: d, id: candidate))
                            results.replaceMax(with: Candidate(distance: d, id: candidate))
                            lowerBound = results.max!.distance
                        }
                    }
                }
            }
            return results
        }
    }

    /// hnswlib's getNeighborsByHeuristic2: walk candidates nearest first and
    /// keep one only if it is nearer to the query than to every neighbour kept
    /// so far — this keeps links pointing in diverse directions.
    func selectNeighbours<K: DistanceKernel>(_ candidates: inout Heap<Candidate>, limit: Int, kernel: K.Type) {
        guard candidates.count > limit else { return }
        var kept: [Candidate] = []
        kept.reserveCapacity(limit)
        while let closest = candidates.popMin() {
            if kept.count >= limit { break }
            let closestVector = vectorPointer(closest.id)
            var diverse = true
            for chosen in kept where K.distance(closestVector, vectorPointer(chosen.id), dimension) < closest.distance {
                diverse = false
                break
            }
            if diverse { kept.append(closest) }
        }
        candidates = Heap(kept)
    }

    /// hnswlib's mutuallyConnectNewElement: link the node to up to `m`
    /// chosen neighbours, and each of them back to the node, pruning a full
    /// neighbour list with the same heuristic. Returns the nearest chosen
    /// neighbour, the entry point for the next layer down.
    private func connectNeighbours<K: DistanceKernel>(
        _ node: UInt32, candidates: inout Heap<Candidate>, layer: Int, kernel: K.Type
    ) -> UInt32 {
        let limit = maxDegree(level: layer)
        selectNeighbours(&candidates, limit: parameters.m, kernel: K.self)
        // Never a link to itself (hnswlib refuses one too).
        let chosen = candidates.unordered.filter { $0.id != node }.sorted()
        // The node's own lock is held by the caller for the whole insert.
        let ownLinks = linksPointer(node, level: layer)
        ownLinks[0] = UInt32(chosen.count)
        for (slot, neighbour) in chosen.enumerated() { ownLinks[1 + slot] = neighbour.id }
        for neighbour in chosen {
            linkLocks.withLock(neighbour.id) {
                let links = linksPointer(neighbour.id, level: layer)
                let degree = Int(links[0])
                if degree < limit {
                    links[1 + degree] = node
                    links[0] = UInt32(degree + 1)
                    return
                }
                let base = UnsafePointer(vectorPointer(neighbour.id))
                var pool = Heap<Candidate>()
                pool.insert(Candidate(distance: neighbour.distance, id: node))
                for slot in 0..<degree {
                    let existing = links[1 + slot]
                    pool.insert(Candidate(distance: K.distance(base, vectorPointer(existing), dimension), id: existing))
                }
                selectNeighbours(&pool, limit: limit, kernel: K.self)
                var slot = 0
                for kept in pool.unordered {
                    links[1 + slot] = kept.id
                    slot += 1
                }
                links[0] = UInt32(slot)
            }
        }
        return chosen.first?.id ?? node
    }
}

/// A pointer handed to worker threads that only read through it while the
/// caller waits (the rows being built from).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
