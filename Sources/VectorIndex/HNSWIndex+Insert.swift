import Dispatch
import CLinuxShims
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
        var none = NoAccessRecorder()
        try insert(vector, id: label, accesses: &none)
    }

    /// An insert that also reports every access to index memory to
    /// `accesses`, in program order: the vector and label written, and the
    /// vectors, link lists, upper-level blocks and visited marks the linking
    /// reads and writes.
    public func insert<Accesses: MemoryAccessRecorder>(
        _ vector: UnsafeBufferPointer<Float>, id label: UInt64, accesses: inout Accesses
    ) throws(HNSWError) {
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
        withUnsafeMutablePointer(to: &accesses) { pointer in
            if Accesses.self == NoAccessRecorder.self {
                var recorder = NoSearchRecorder()
                linkLocked(node, level: level, recorder: &recorder)
            } else {
                var recorder = AccessSearchRecorder(pages: nil, accesses: pointer)
                recorder.touched(target, bytes: dimension &* 4, kind: .vector)
                recorder.touched(labels + Int(node), bytes: 8, kind: .label)
                linkLocked(node, level: level, recorder: &recorder)
            }
        }
    }

    /// Links `node` under its own lock, held until it is linked on every level.
    private func linkLocked<R: SearchRecorder>(_ node: UInt32, level: Int, recorder: inout R) {
        linkLocks.withLock(node) {
            switch metric {
            case .l2: link(node, level: level, recorder: &recorder, kernel: L2Kernel.self)
            case .innerProduct: link(node, level: level, recorder: &recorder, kernel: InnerProductKernel.self)
            case .cosine: link(node, level: level, recorder: &recorder, kernel: CosineKernel.self)
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
    func link<K: DistanceKernel, R: SearchRecorder>(_ node: UInt32, level: Int, recorder: inout R, kernel: K.Type) {
        // Hold the entry lock through the whole insert only when this node
        // becomes the new top; otherwise take a snapshot and let go at once.
        let snapshot: EntryState? = entry.withLock { state in
            if state.maxLevel < 0 {
                state = EntryState(entryPoint: node, maxLevel: level)
                return nil
            }
            if level > state.maxLevel {
                connect(node, level: level, from: state, recorder: &recorder, kernel: K.self)
                state = EntryState(entryPoint: node, maxLevel: level)
                return nil
            }
            return state
        }
        if let snapshot { connect(node, level: level, from: snapshot, recorder: &recorder, kernel: K.self) }
    }

    private func connect<K: DistanceKernel, R: SearchRecorder>(
        _ node: UInt32, level: Int, from state: EntryState, recorder: inout R, kernel: K.Type
    ) {
        let query = UnsafePointer(vectorPointer(node))
        var current = state.entryPoint
        var currentDistance = K.distance(query, vectorPointer(current), dimension)
        recorder.evaluated(vector: vectorPointer(current), bytes: dimension &* 4)
        if level < state.maxLevel {
            for layer in stride(from: state.maxLevel, to: level, by: -1) {
                var changed = true
                while changed {
                    changed = false
                    withLinks(of: current, inserting: node) {
                        let links = linksPointer(current, level: layer)
                        recorder.touched(upper + Int(current), bytes: 8, kind: .upperLinks)
                        recorder.touched(links, bytes: (Int(links[0]) &+ 1) &* 4, kind: .upperLinks)
                        for slot in 0..<Int(links[0]) {
                            let candidate = links[1 + slot]
                            let d = K.distance(query, vectorPointer(candidate), dimension)
                            recorder.evaluated(vector: vectorPointer(candidate), bytes: dimension &* 4)
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
        visitedPool.withVisitedSet { visited in
            for layer in stride(from: min(level, state.maxLevel), through: 0, by: -1) {
                visited.startTraversal()
                current = visited.withCandidateList(ef: parameters.efConstruction) { list in
                    searchLayerForInsert(query, inserting: node, entry: current, layer: layer, visited: visited,
                                         list: &list, recorder: &recorder, kernel: K.self)
                    return connectNeighbours(node, candidates: list, layer: layer, recorder: &recorder, kernel: K.self)
                }
            }
        }
    }

    /// hnswlib's searchBaseLayer: the best `efConstruction` nodes of one
    /// layer, reading each link list under its lock (other threads are
    /// inserting).
    private func searchLayerForInsert<K: DistanceKernel, R: SearchRecorder>(
        _ query: UnsafePointer<Float>, inserting node: UInt32, entry start: UInt32, layer: Int, visited: VisitedSet,
        list: inout CandidateList, recorder: inout R, kernel: K.Type
    ) {
        let tag = visited.tag
        let marks = visited.nodeMarks
        let vectorBytes = dimension &* 4
        marks[Int(start)] = tag
        recorder.touched(marks + Int(start), bytes: 2, kind: .visitedMark)
        list.insert(distance: K.distance(query, vectorPointer(start), dimension), id: start)
        recorder.evaluated(vector: vectorPointer(start), bytes: vectorBytes)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: maxDegree(level: layer)) { scratch in
            while let closest = list.nextToExpand() {
                let degree = withLinks(of: closest.id, inserting: node) { () -> Int in
                    let links = linksPointer(closest.id, level: layer)
                    let degree = Int(links[0])
                    if layer > 0 { recorder.touched(upper + Int(closest.id), bytes: 8, kind: .upperLinks) }
                    recorder.touched(links, bytes: (degree &+ 1) &* 4, kind: layer == 0 ? .level0Links : .upperLinks)
                    for slot in 0..<degree { scratch[slot] = links[1 &+ slot] }
                    return degree
                }
                for slot in 0..<degree {
                    let candidate = scratch[slot]
                    if slot &+ 1 < degree {
                        vb_prefetch_read(marks + Int(scratch[slot &+ 1]))
                        vb_prefetch_read(vectorPointer(scratch[slot &+ 1]))
                    }
                    recorder.touched(marks + Int(candidate), bytes: 2, kind: .visitedMark)
                    if marks[Int(candidate)] == tag { continue }
                    marks[Int(candidate)] = tag
                    let d = K.distance(query, vectorPointer(candidate), dimension)
                    recorder.evaluated(vector: vectorPointer(candidate), bytes: vectorBytes)
                    if let position = list.insert(distance: d, id: candidate), position <= list.cursor, layer == 0 {
                        vb_prefetch_read(level0 + Int(candidate) &* level0Stride)
                    }
                }
            }
        }
    }

    /// hnswlib's getNeighborsByHeuristic2 over `count` candidates sorted
    /// nearest first: keep a candidate only if it is nearer to the query than
    /// to every candidate kept so far — this keeps links pointing in diverse
    /// directions. The kept ones are compacted to the front, in order; returns
    /// how many. Fewer than `limit` candidates are all kept, as in hnswlib.
    ///
    /// Exact duplicates tie: none prunes another, so a duplicate group larger
    /// than a list fills its members' lists with copies. The callers hand the
    /// candidates in `Candidate.goesBefore` order (ties towards the newest
    /// node, as hnswlib's heap pops them): new links then go to the newest
    /// copies, which still have room, instead of the oldest ones, whose full
    /// lists would be pruned again on every insert — each time dropping the
    /// group's links to the outside, which sort after the copies.
    func selectNeighbours<K: DistanceKernel, R: SearchRecorder>(
        _ candidates: UnsafeMutablePointer<Candidate>, count: Int, limit: Int, recorder: inout R, kernel: K.Type
    ) -> Int {
        guard count >= limit else { return count }
        var kept = 0
        for position in 0..<count {
            if kept >= limit { break }
            let candidate = candidates[position]
            let candidateVector = vectorPointer(candidate.id)
            var diverse = true
            for chosen in 0..<kept {
                let chosenVector = vectorPointer(candidates[chosen].id)
                recorder.evaluated(vector: candidateVector, bytes: dimension &* 4)
                recorder.evaluated(vector: chosenVector, bytes: dimension &* 4)
                if K.distance(candidateVector, chosenVector, dimension) < candidate.distance {
                    diverse = false
                    break
                }
            }
            if diverse {
                candidates[kept] = candidate
                kept &+= 1
            }
        }
        return kept
    }

    /// hnswlib's mutuallyConnectNewElement: link the node to up to `m`
    /// chosen neighbours, and each of them back to the node, pruning a full
    /// neighbour list with the same heuristic. Returns the nearest chosen
    /// neighbour, the entry point for the next layer down.
    ///
    /// Links are written nearest first (hnswlib writes them farthest first);
    /// the order cannot change a search, whose list after each expansion is
    /// the `ef` best of everything evaluated whatever the order.
    private func connectNeighbours<K: DistanceKernel, R: SearchRecorder>(
        _ node: UInt32, candidates list: CandidateList, layer: Int, recorder: inout R, kernel: K.Type
    ) -> UInt32 {
        let limit = maxDegree(level: layer)
        return withUnsafeTemporaryAllocation(of: Candidate.self, capacity: max(list.count, limit &+ 1)) { buffer in
            let chosen = buffer.baseAddress!
            // Never a link to itself (hnswlib refuses one too).
            // The list is sorted by distance with ties in arrival order; the
            // heuristic wants ties by id (`Candidate.goesBefore`). Insertion
            // into the sorted prefix moves entries only within a run of equal
            // distances, so it costs nothing when there are no duplicates.
            var candidateCount = 0
            for position in 0..<list.count where list.entries[position].id != node {
                let candidate = Candidate(distance: list.entries[position].distance, id: list.entries[position].id)
                var slot = candidateCount
                while slot > 0 && candidate.goesBefore(chosen[slot &- 1]) {
                    chosen[slot] = chosen[slot &- 1]
                    slot &-= 1
                }
                chosen[slot] = candidate
                candidateCount &+= 1
            }
            let chosenCount = selectNeighbours(chosen, count: candidateCount, limit: parameters.m, recorder: &recorder,
                                               kernel: K.self)
            // The node's own lock is held by the caller for the whole insert.
            let ownLinks = linksPointer(node, level: layer)
            recorder.touched(ownLinks, bytes: (chosenCount &+ 1) &* 4, kind: layer == 0 ? .level0Links : .upperLinks)
            ownLinks[0] = UInt32(chosenCount)
            for slot in 0..<chosenCount { ownLinks[1 &+ slot] = chosen[slot].id }
            for index in 0..<chosenCount {
                let neighbour = chosen[index]
                linkLocks.withLock(neighbour.id) {
                    let links = linksPointer(neighbour.id, level: layer)
                    let degree = Int(links[0])
                    if layer > 0 { recorder.touched(upper + Int(neighbour.id), bytes: 8, kind: .upperLinks) }
                    recorder.touched(links, bytes: (degree &+ 2) &* 4, kind: layer == 0 ? .level0Links : .upperLinks)
                    if degree < limit {
                        links[1 &+ degree] = node
                        links[0] = UInt32(degree &+ 1)
                        return
                    }
                    prune(links, degree: degree, of: neighbour.id, adding: node, at: neighbour.distance,
                          limit: limit, recorder: &recorder, kernel: K.self)
                }
            }
            return chosenCount > 0 ? chosen[0].id : node
        }
    }

    /// A full neighbour list gets `node` as a candidate: the heuristic picks
    /// at most `limit` of the old links plus the new one, and the list is
    /// rewritten with them. The caller holds the list's lock.
    private func prune<K: DistanceKernel, R: SearchRecorder>(
        _ links: UnsafeMutablePointer<UInt32>, degree: Int, of owner: UInt32, adding node: UInt32, at distance: Float,
        limit: Int, recorder: inout R, kernel: K.Type
    ) {
        withUnsafeTemporaryAllocation(of: Candidate.self, capacity: degree &+ 1) { buffer in
            let pool = buffer.baseAddress!
            let base = UnsafePointer(vectorPointer(owner))
            pool[0] = Candidate(distance: distance, id: node)
            var count = 1
            for slot in 0..<degree {
                let existing = links[1 &+ slot]
                recorder.evaluated(vector: base, bytes: dimension &* 4)
                recorder.evaluated(vector: vectorPointer(existing), bytes: dimension &* 4)
                let candidate = Candidate(distance: K.distance(base, vectorPointer(existing), dimension), id: existing)
                // Insertion into the sorted prefix: at most m0 + 1 entries.
                var position = count
                while position > 0 && candidate.goesBefore(pool[position &- 1]) {
                    pool[position] = pool[position &- 1]
                    position &-= 1
                }
                pool[position] = candidate
                count &+= 1
            }
            let kept = selectNeighbours(pool, count: count, limit: limit, recorder: &recorder, kernel: K.self)
            for slot in 0..<kept { links[1 &+ slot] = pool[slot].id }
            links[0] = UInt32(kept)
        }
    }
}

/// A pointer handed to worker threads that only read through it while the
/// caller waits (the rows being built from).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
