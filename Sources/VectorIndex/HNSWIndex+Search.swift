import CLinuxShims
import VectorCore

extension HNSWIndex {
    /// The `k` nearest points to `query` with a candidate list of `ef`
    /// (raised to `k` if smaller), nearest first, as external ids.
    ///
    /// `query` must have the index's dimension (callers validate user input;
    /// this is a precondition). With `statistics` non-nil the search also counts
    /// distance evaluations, visited nodes and distinct pages touched, and adds
    /// them to it.
    public func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) -> [Neighbor<UInt64>] {
        search(query, k: k, ef: ef, excluding: NoExclusion(), statistics: statistics)
    }

    public func search(_ query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>? = nil) -> [Neighbor<UInt64>] {
        query.withUnsafeBufferPointer { search($0, k: k, ef: ef, statistics: statistics) }
    }

    /// Search that leaves out the nodes `exclusion` names (deleted or
    /// superseded points) from the results while still walking through them,
    /// so the graph stays connected — hnswlib's deleted-node handling. With
    /// an exclusion the search only stops once `ef` allowed nodes are held.
    public func search<Exclusion: SearchExclusion>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, excluding exclusion: Exclusion,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) -> [Neighbor<UInt64>] {
        search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics,
               accesses: UnsafeMutablePointer<NoAccessRecorder>?.none)
    }

    /// A search that also reports every access to index memory to
    /// `accesses`, in program order: each vector read, level-0 link list,
    /// upper-level link block, visited mark and result label. Otherwise the
    /// same search as the overloads without `accesses`, which record nothing.
    public func search<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, excluding exclusion: Exclusion,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil, accesses: inout Accesses
    ) -> [Neighbor<UInt64>] {
        withUnsafeMutablePointer(to: &accesses) { pointer in
            search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, accesses: pointer)
        }
    }

    public func search<Accesses: MemoryAccessRecorder>(
        _ query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>? = nil,
        accesses: inout Accesses
    ) -> [Neighbor<UInt64>] {
        query.withUnsafeBufferPointer {
            search($0, k: k, ef: ef, excluding: NoExclusion(), statistics: statistics, accesses: &accesses)
        }
    }

    private func search<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, exclusion: Exclusion,
        statistics: UnsafeMutablePointer<SearchStatistics>?, accesses: UnsafeMutablePointer<Accesses>?
    ) -> [Neighbor<UInt64>] {
        precondition(query.count == dimension, "query has dimension \(query.count), index has \(dimension)")
        guard k > 0, count > 0 else { return [] }
        if metric.normalizesVectors {
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: dimension) { normalized in
                _ = normalized.initialize(from: query)
                Distance.normalize(normalized.baseAddress!, dimension)
                return dispatchSearch(UnsafePointer(normalized.baseAddress!), k: k, ef: ef, exclusion: exclusion, statistics: statistics,
                                      accesses: accesses)
            }
        }
        return dispatchSearch(query.baseAddress!, k: k, ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses)
    }

    private func dispatchSearch<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?,
        accesses: UnsafeMutablePointer<Accesses>?
    ) -> [Neighbor<UInt64>] {
        switch metric {
        case .l2:
            return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses,
                          kernel: L2Kernel.self)
        case .innerProduct:
            return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses,
                          kernel: InnerProductKernel.self)
        case .cosine:
            return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses,
                          kernel: CosineKernel.self)
        }
    }

    /// Level 0 alone from `start`, for tests that hold the traversal to
    /// hnswlib's two-heap search from the same node.
    func searchLevel0<Exclusion: SearchExclusion>(
        _ query: [Float], from start: UInt32, k: Int, ef: Int, excluding exclusion: Exclusion
    ) -> (ids: [UInt64], statistics: SearchStatistics) {
        precondition(metric == .l2, "the level-0 probe is written for l2")
        var statistics = SearchStatistics()
        let ids = query.withUnsafeBufferPointer {
            search($0.baseAddress!, k: k, ef: ef, exclusion: exclusion, statistics: &statistics,
                   accesses: UnsafeMutablePointer<NoAccessRecorder>?.none, kernel: L2Kernel.self,
                   state: EntryState(entryPoint: start, maxLevel: 0)).map(\.id)
        }
        return (ids, statistics)
    }

    private func search<K: DistanceKernel, Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?,
        accesses: UnsafeMutablePointer<Accesses>?, kernel: K.Type, state fixedState: EntryState? = nil
    ) -> [Neighbor<UInt64>] {
        traverse(FloatTraversal<K>(query: query, vectors: vectors, dimension: dimension, regionBytes: pageGeometry.vectorBytes),
                 ef: max(ef, k), exclusion: exclusion, statistics: statistics, accesses: accesses, state: fixedState,
                 finish: LabelFinish(index: self, k: k))
    }

    /// One search: the traversal with `distances` over the index's level-0
    /// layout, recording what `statistics` and `accesses` ask for, then
    /// `finish` on the candidate list.
    func traverse<D: TraversalDistance, Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder, F: TraversalFinish>(
        _ distances: D, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?,
        accesses: UnsafeMutablePointer<Accesses>?, state fixedState: EntryState? = nil, finish: F
    ) -> F.Result {
        let state = fixedState ?? entry.withLock { $0 }
        switch linkLayout {
        case .plain:
            return traverse(distances, layout: PlainLevel0(links: level0, stride: level0Stride, regionBytes: level0Bytes),
                            ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses, state: state, finish: finish)
        case .compressed:
            let blocks = UnsafePointer(UnsafeRawPointer(level0).assumingMemoryBound(to: UInt8.self))
            return traverse(distances, layout: CompressedLevel0(blocks: blocks, offsets: compressedOffsets!, regionBytes: level0Bytes),
                            ef: ef, exclusion: exclusion, statistics: statistics, accesses: accesses, state: state, finish: finish)
        }
    }

    private func traverse<D: TraversalDistance, L: Level0Layout, Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder,
                          F: TraversalFinish>(
        _ distances: D, layout: L, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?,
        accesses: UnsafeMutablePointer<Accesses>?, state: EntryState, finish: F
    ) -> F.Result {
        let geometry = PageGeometry(
            vectorBase: UInt(bitPattern: distances.base), vectorBytes: distances.regionBytes,
            linkBase: UInt(bitPattern: layout.base), linkBytes: layout.regionBytes)
        return visitedPool.withVisitedSet { visited in
            visited.withCandidateList(ef: ef) { list in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: parameters.m0) { scratchBuffer in
                    let scratch = scratchBuffer.baseAddress!
                    if let accesses {
                        var recorder = AccessSearchRecorder(
                            pages: statistics.map { _ in PageSearchRecorder(marks: visited.pageMarks(for: geometry), tag: visited.tag) },
                            accesses: accesses)
                        searchGraph(distances, layout: layout, scratch: scratch, state: state, visited: visited,
                                    exclusion: exclusion, list: &list, recorder: &recorder)
                        let result = finish.finish(list, recorder: &recorder)
                        if let statistics, var pages = recorder.pages {
                            pages.statistics.queries = 1
                            statistics.pointee += pages.statistics
                        }
                        return result
                    } else if let statistics {
                        var recorder = PageSearchRecorder(marks: visited.pageMarks(for: geometry), tag: visited.tag)
                        searchGraph(distances, layout: layout, scratch: scratch, state: state, visited: visited,
                                    exclusion: exclusion, list: &list, recorder: &recorder)
                        let result = finish.finish(list, recorder: &recorder)
                        recorder.statistics.queries = 1
                        statistics.pointee += recorder.statistics
                        return result
                    } else {
                        var recorder = NoSearchRecorder()
                        searchGraph(distances, layout: layout, scratch: scratch, state: state, visited: visited,
                                    exclusion: exclusion, list: &list, recorder: &recorder)
                        return finish.finish(list, recorder: &recorder)
                    }
                }
            }
        }
    }

    /// The best `k` allowed entries of a finished traversal as external ids.
    @inline(__always)
    func results<R: SearchRecorder>(of list: CandidateList, k: Int, recorder: inout R) -> [Neighbor<UInt64>] {
        var results: [Neighbor<UInt64>] = []
        results.reserveCapacity(k)
        list.forEachAllowed { entry in
            recorder.touched(labels + Int(entry.id), bytes: 8, kind: .label)
            results.append(Neighbor(distance: entry.distance, id: labels[Int(entry.id)]))
            return results.count < k
        }
        // Equal distances come out by id, as brute force orders them.
        return results.sorted()
    }

    /// Greedy descent through the upper levels, then hnswlib's
    /// searchBaseLayerST on level 0 over a `CandidateList` — without locks
    /// (no concurrent inserts), prefetching the next neighbour's row and
    /// mark while the current distance is computed.
    private func searchGraph<D: TraversalDistance, L: Level0Layout, R: SearchRecorder, Exclusion: SearchExclusion>(
        _ distances: D, layout: L, scratch: UnsafeMutablePointer<UInt32>, state: EntryState, visited: VisitedSet,
        exclusion: Exclusion, list: inout CandidateList, recorder: inout R
    ) {
        let rowBytes = distances.rowBytes
        var current = state.entryPoint
        let entryRow = distances.row(current)
        var currentDistance = distances.distance(to: entryRow)
        recorder.evaluated(vector: entryRow, bytes: rowBytes)
        if state.maxLevel > 0 {
            for layer in stride(from: state.maxLevel, through: 1, by: -1) {
                var changed = true
                while changed {
                    changed = false
                    let links = linksPointer(current, level: layer)
                    recorder.touched(upper + Int(current), bytes: 8, kind: .upperLinks)
                    recorder.touched(links, bytes: (Int(links[0]) &+ 1) &* 4, kind: .upperLinks)
                    for slot in 0..<Int(links[0]) {
                        let candidate = links[1 &+ slot]
                        let candidateRow = distances.row(candidate)
                        let d = distances.distance(to: candidateRow)
                        recorder.evaluated(vector: candidateRow, bytes: rowBytes)
                        if d < currentDistance {
                            currentDistance = d
                            current = candidate
                            changed = true
                        }
                    }
                }
            }
        }

        let tag = visited.tag
        let marks = visited.nodeMarks
        marks[Int(current)] = tag
        recorder.touched(marks + Int(current), bytes: 2, kind: .visitedMark)
        recorder.visited()
        list.insert(distance: currentDistance, id: current, excluded: exclusion.excludes(current))

        while let closest = list.nextToExpand() {
            let (ids, degree) = layout.expand(closest.id, scratch: scratch, recorder: &recorder)
            distances.prefetchRows(of: ids, count: degree, marks: marks, tag: tag)
            if degree > 0 {
                vb_prefetch_read(marks + Int(ids[0]))
                vb_prefetch_read(distances.row(ids[0]))
            }
            for slot in 0..<degree {
                let candidate = ids[slot]
                if slot &+ 1 < degree {
                    let next = ids[slot &+ 1]
                    vb_prefetch_read(marks + Int(next))
                    vb_prefetch_read(distances.row(next))
                }
                recorder.touched(marks + Int(candidate), bytes: 2, kind: .visitedMark)
                if marks[Int(candidate)] == tag { continue }
                marks[Int(candidate)] = tag
                recorder.visited()
                let candidateRow = distances.row(candidate)
                let d = distances.distance(to: candidateRow)
                recorder.evaluated(vector: candidateRow, bytes: rowBytes)
                if let position = list.insert(distance: d, id: candidate, excluded: exclusion.excludes(candidate)),
                   position <= list.cursor {
                    // The new best unexpanded node is the next one expanded:
                    // start fetching its link list now (hnswlib does too).
                    layout.prefetch(candidate)
                }
            }
        }
    }
}

/// What a traversal's candidate list becomes, generic over the recorder so
/// that the reads it makes (labels, rescored vectors) are recorded too.
protocol TraversalFinish {
    associatedtype Result
    func finish<R: SearchRecorder>(_ list: CandidateList, recorder: inout R) -> Result
}

/// The plain search's finish: the best `k`, as external ids.
struct LabelFinish: TraversalFinish {
    let index: HNSWIndex
    let k: Int

    @inline(__always)
    func finish<R: SearchRecorder>(_ list: CandidateList, recorder: inout R) -> [Neighbor<UInt64>] {
        index.results(of: list, k: k, recorder: &recorder)
    }
}
