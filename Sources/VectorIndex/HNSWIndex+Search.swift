import CLinuxShims
import HeapModule
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
        precondition(query.count == dimension, "query has dimension \(query.count), index has \(dimension)")
        guard k > 0, count > 0 else { return [] }
        if metric.normalizesVectors {
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: dimension) { normalized in
                _ = normalized.initialize(from: query)
                Distance.normalize(normalized.baseAddress!, dimension)
                return dispatchSearch(UnsafePointer(normalized.baseAddress!), k: k, ef: ef, exclusion: exclusion, statistics: statistics)
            }
        }
        return dispatchSearch(query.baseAddress!, k: k, ef: ef, exclusion: exclusion, statistics: statistics)
    }

    private func dispatchSearch<Exclusion: SearchExclusion>(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?
    ) -> [Neighbor<UInt64>] {
        switch metric {
        case .l2: return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, kernel: L2Kernel.self)
        case .innerProduct: return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, kernel: InnerProductKernel.self)
        case .cosine: return search(query, k: k, ef: ef, exclusion: exclusion, statistics: statistics, kernel: CosineKernel.self)
        }
    }

    private func search<K: DistanceKernel, Exclusion: SearchExclusion>(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?,
        kernel: K.Type
    ) -> [Neighbor<UInt64>] {
        let state = entry.withLock { $0 }
        return visitedPool.withVisitedSet { visited in
            var results: Heap<Candidate>
            if let statistics {
                var recorder = PageSearchRecorder(marks: visited.pageMarks(for: pageGeometry), tag: visited.tag)
                results = searchGraph(query, k: k, ef: ef, state: state, visited: visited, exclusion: exclusion,
                                      recorder: &recorder, kernel: K.self)
                recorder.statistics.queries = 1
                statistics.pointee += recorder.statistics
            } else {
                var recorder = NoSearchRecorder()
                results = searchGraph(query, k: k, ef: ef, state: state, visited: visited, exclusion: exclusion,
                                      recorder: &recorder, kernel: K.self)
            }
            while results.count > k { results.removeMax() }
            return results.unordered.map { Neighbor(distance: $0.distance, id: labels[Int($0.id)]) }.sorted()
        }
    }

    /// Greedy descent through the upper levels, then hnswlib's
    /// searchBaseLayerST on level 0 — without locks (no concurrent inserts),
    /// prefetching the next neighbour's vector and mark while the current
    /// distance is computed.
    private func searchGraph<K: DistanceKernel, R: SearchRecorder, Exclusion: SearchExclusion>(
        _ query: UnsafePointer<Float>, k: Int, ef requestedEF: Int, state: EntryState, visited: VisitedSet,
        exclusion: Exclusion, recorder: inout R, kernel: K.Type
    ) -> Heap<Candidate> {
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

        let ef = max(requestedEF, k)
        let tag = visited.tag
        let marks = visited.nodeMarks
        var results = Heap<Candidate>()
        var frontier = Heap<Candidate>()
        frontier.insert(Candidate(distance: currentDistance, id: current))
        marks[Int(current)] = tag
        recorder.visited()
        var lowerBound = Float.infinity
        if !exclusion.excludes(current) {
            results.insert(Candidate(distance: currentDistance, id: current))
            lowerBound = currentDistance
        }
        let linkBytes = level0Stride &* 4

        while let closest = frontier.min {
            // Without exclusions a full list always exists past the first
            // step; with them the walk goes on until ef allowed nodes are held.
            if closest.distance > lowerBound && results.count >= ef { break }
            frontier.removeMin()
            let links = level0 + Int(closest.id) &* level0Stride
            recorder.expanded(links: links, bytes: linkBytes)
            let degree = Int(links[0])
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
                if marks[Int(candidate)] == tag { continue }
                marks[Int(candidate)] = tag
                recorder.visited()
                let candidateVector = vectorPointer(candidate)
                let d = K.distance(query, candidateVector, dimension)
                recorder.evaluated(vector: candidateVector, bytes: vectorBytes)
                if results.count < ef {
                    frontier.insert(Candidate(distance: d, id: candidate))
                    // The frontier's best is likely the next node expanded:
                    // start fetching its link list now (hnswlib does too).
                    vb_prefetch_read(level0 + Int(frontier.min!.id) &* level0Stride)
                    if !exclusion.excludes(candidate) {
                        results.insert(Candidate(distance: d, id: candidate))
                        lowerBound = results.count >= ef ? results.max!.distance : .infinity
                    }
                } else if d < lowerBound {
                    frontier.insert(Candidate(distance: d, id: candidate))
                    vb_prefetch_read(level0 + Int(frontier.min!.id) &* level0Stride)
                    if !exclusion.excludes(candidate) {
                        // Full: one sift replaces the worst instead of insert + removeMax.
                        results.replaceMax(with: Candidate(distance: d, id: candidate))
                        lowerBound = results.max!.distance
                    }
                }
            }
        }
        return results
    }
}
