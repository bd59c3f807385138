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
        let state = fixedState ?? entry.withLock { $0 }
        return visitedPool.withVisitedSet { visited in
            visited.withCandidateList(ef: max(ef, k)) { list in
                if let accesses {
                    var recorder = AccessSearchRecorder(
                        pages: statistics.map { _ in PageSearchRecorder(marks: visited.pageMarks(for: pageGeometry), tag: visited.tag) },
                        accesses: accesses)
                    searchGraph(query, state: state, visited: visited, exclusion: exclusion, list: &list,
                                recorder: &recorder, kernel: K.self)
                    if let statistics, var pages = recorder.pages {
                        pages.statistics.queries = 1
                        statistics.pointee += pages.statistics
                    }
                    return results(of: list, k: k, recorder: &recorder)
                } else if let statistics {
                    var recorder = PageSearchRecorder(marks: visited.pageMarks(for: pageGeometry), tag: visited.tag)
                    searchGraph(query, state: state, visited: visited, exclusion: exclusion, list: &list,
                                recorder: &recorder, kernel: K.self)
                    recorder.statistics.queries = 1
                    statistics.pointee += recorder.statistics
                    return results(of: list, k: k, recorder: &recorder)
                } else {
                    var recorder = NoSearchRecorder()
                    searchGraph(query, state: state, visited: visited, exclusion: exclusion, list: &list,
                                recorder: &recorder, kernel: K.self)
                    return results(of: list, k: k, recorder: &recorder)
                }
            }
        }
    }

    /// The best `k` allowed entries of a finished traversal as external ids.
    @inline(__always)
    private func results<R: SearchRecorder>(of list: CandidateList, k: Int, recorder: inout R) -> [Neighbor<UInt64>] {
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
    /// (no concurrent inserts), prefetching the next neighbour's vector and
    /// mark while the current distance is computed.
    private func searchGraph<K: DistanceKernel, R: SearchRecorder, Exclusion: SearchExclusion>(
        _ query: UnsafePointer<Float>, state: EntryState, visited: VisitedSet, exclusion: Exclusion,
        list: inout CandidateList, recorder: inout R, kernel: K.Type
    ) {
        let vectorBytes = dimension &* 4
        var current = state.entryPoint
        var currentDistance = K.distance(query, vectorPointer(current), dimension)
        recorder.evaluated(vector: vectorPointer(current), bytes: vectorBytes)
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
                        let candidateVector = vectorPointer(candidate)
                        let d = K.distance(query, candidateVector, dimension)
                        recorder.evaluated(vector: candidateVector, bytes: vectorBytes)
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
        let linkBytes = level0Stride &* 4

        while let closest = list.nextToExpand() {
            let links = level0 + Int(closest.id) &* level0Stride
            recorder.expanded(links: links, bytes: linkBytes)
            let degree = Int(links[0])
            recorder.touched(links, bytes: (degree &+ 1) &* 4, kind: .level0Links)
            if degree > 0 {
                vb_prefetch_read(marks + Int(links[1]))
                vb_prefetch_read(vectorPointer(links[1]))
            }
            for slot in 0..<degree {
                let candidate = links[1 &+ slot]
                if slot &+ 1 < degree {
                    let next = links[2 &+ slot]
                    vb_prefetch_read(marks + Int(next))
                    vb_prefetch_read(vectorPointer(next))
                }
                recorder.touched(marks + Int(candidate), bytes: 2, kind: .visitedMark)
                if marks[Int(candidate)] == tag { continue }
                marks[Int(candidate)] = tag
                recorder.visited()
                let candidateVector = vectorPointer(candidate)
                let d = K.distance(query, candidateVector, dimension)
                recorder.evaluated(vector: candidateVector, bytes: vectorBytes)
                if let position = list.insert(distance: d, id: candidate, excluded: exclusion.excludes(candidate)),
                   position <= list.cursor {
                    // The new best unexpanded node is the next one expanded:
                    // start fetching its link list now (hnswlib does too).
                    vb_prefetch_read(level0 + Int(candidate) &* level0Stride)
                }
            }
        }
    }
}
