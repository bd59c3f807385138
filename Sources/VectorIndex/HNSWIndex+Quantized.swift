import CLinuxShims
import VectorCore

extension HNSWIndex {
    /// The `k` nearest points to `query`, traversing the graph with the
    /// quantized rows of `quantized` (see `QuantizedSearchOptions` for how
    /// oversampling and rescoring shape the result). With `rescore` the
    /// distances returned are exact f32 distances; without, quantized ones.
    ///
    /// `quantized` must have been made from this graph's vectors (this index,
    /// or the same graph saved and reopened): same dimension, metric and
    /// count — a precondition. With `statistics` non-nil,
    /// `distanceEvaluations` and the vector page counts describe the
    /// quantized rows; `rescoredVectors` counts the f32 rows read.
    public func search<Exclusion: SearchExclusion>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, quantized: QuantizedVectors,
        options: QuantizedSearchOptions = .init(), excluding exclusion: Exclusion,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) -> [Neighbor<UInt64>] {
        quantizedSearch(query, k: k, ef: ef, quantized: quantized, options: options, exclusion: exclusion,
                        statistics: statistics, accesses: UnsafeMutablePointer<NoAccessRecorder>?.none)
    }

    /// The quantized search without exclusions. Not generic, so a caller in
    /// another module runs the traversal specialised here; through the
    /// generic overload every distance would be a witness-table call.
    public func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, quantized: QuantizedVectors,
        options: QuantizedSearchOptions = .init(), statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) -> [Neighbor<UInt64>] {
        quantizedSearch(query, k: k, ef: ef, quantized: quantized, options: options, exclusion: NoExclusion(),
                        statistics: statistics, accesses: UnsafeMutablePointer<NoAccessRecorder>?.none)
    }

    public func search(
        _ query: [Float], k: Int, ef: Int, quantized: QuantizedVectors, options: QuantizedSearchOptions = .init(),
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil
    ) -> [Neighbor<UInt64>] {
        query.withUnsafeBufferPointer { search($0, k: k, ef: ef, quantized: quantized, options: options, statistics: statistics) }
    }

    /// The quantized search, also reporting every index memory access to
    /// `accesses` (quantized rows as `.vector`, then the rescored f32 rows).
    public func search<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, quantized: QuantizedVectors,
        options: QuantizedSearchOptions = .init(), excluding exclusion: Exclusion,
        statistics: UnsafeMutablePointer<SearchStatistics>? = nil, accesses: inout Accesses
    ) -> [Neighbor<UInt64>] {
        withUnsafeMutablePointer(to: &accesses) { pointer in
            quantizedSearch(query, k: k, ef: ef, quantized: quantized, options: options, exclusion: exclusion,
                            statistics: statistics, accesses: pointer)
        }
    }

    private func quantizedSearch<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, quantized: QuantizedVectors, options: QuantizedSearchOptions,
        exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?, accesses: UnsafeMutablePointer<Accesses>?
    ) -> [Neighbor<UInt64>] {
        precondition(query.count == dimension, "query has dimension \(query.count), index has \(dimension)")
        precondition(quantized.dimension == dimension && quantized.metric == metric && quantized.count >= count,
                     "quantized vectors (\(quantized.count) × \(quantized.dimension), \(quantized.metric)) do not belong to "
                     + "this index (\(count) × \(dimension), \(metric))")
        guard k > 0, count > 0 else { return [] }
        guard metric.normalizesVectors else {
            return withExtendedLifetime(quantized) {
                quantizedSearch(query.baseAddress!, k: k, ef: ef, quantized: quantized, options: options, exclusion: exclusion,
                                statistics: statistics, accesses: accesses)
            }
        }
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: dimension) { normalized in
            _ = normalized.initialize(from: query)
            Distance.normalize(normalized.baseAddress!, dimension)
            return withExtendedLifetime(quantized) {
                quantizedSearch(UnsafePointer(normalized.baseAddress!), k: k, ef: ef, quantized: quantized, options: options,
                                exclusion: exclusion, statistics: statistics, accesses: accesses)
            }
        }
    }

    private func quantizedSearch<Exclusion: SearchExclusion, Accesses: MemoryAccessRecorder>(
        _ query: UnsafePointer<Float>, k: Int, ef: Int, quantized: QuantizedVectors, options: QuantizedSearchOptions,
        exclusion: Exclusion, statistics: UnsafeMutablePointer<SearchStatistics>?, accesses: UnsafeMutablePointer<Accesses>?
    ) -> [Neighbor<UInt64>] {
        let candidates = options.candidates(k: k)
        let finish = RescoreFinish(index: self, query: query, k: k, candidates: candidates, rescore: options.rescore)
        let regionBytes = max(quantized.count, 1) * quantized.rowBytes
        switch quantized.quantizer {
        case .scalar(let scalar, let correctionOffset):
            return withUnsafeTemporaryAllocation(of: Int8.self, capacity: dimension) { codes in
                let terms = scalar.prepare(query: query, metric: metric, into: codes.baseAddress!)
                func walk<Form: ScalarDistanceForm>(_ form: Form.Type) -> [Neighbor<UInt64>] {
                    let distances = ScalarTraversal<Form>(
                        terms: terms, query: UnsafePointer(codes.baseAddress!), codes: UnsafeRawPointer(quantized.rows),
                        stride: quantized.rowBytes, dimension: dimension, correctionOffset: correctionOffset ?? 0,
                        regionBytes: regionBytes)
                    return traverse(distances, ef: max(ef, k), exclusion: exclusion, statistics: statistics,
                                    accesses: accesses, finish: finish)
                }
                switch (terms.form, correctionOffset) {
                case (.codeL2, _): return walk(CodeL2Form.self)
                case (.dot, nil): return walk(DotForm.self)
                case (.dot, .some): return walk(CorrectedDotForm.self)
                }
            }
        case .binary(let binary):
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: binary.words) { bits in
                binary.encode(query, into: bits.baseAddress!)
                let distances = BinaryTraversal(query: UnsafePointer(bits.baseAddress!), bits: UnsafeRawPointer(quantized.rows),
                                                words: binary.words, regionBytes: regionBytes)
                return traverse(distances, ef: max(ef, k), exclusion: exclusion, statistics: statistics,
                                accesses: accesses, finish: finish)
            }
        }
    }
}

/// A quantized search's finish: the best `candidates` by quantized
/// distance, rescored against the f32 vectors (or not), cut to `k`.
struct RescoreFinish: TraversalFinish {
    let index: HNSWIndex
    let query: UnsafePointer<Float>
    let k: Int
    let candidates: Int
    let rescore: Bool

    func finish<R: SearchRecorder>(_ list: CandidateList, recorder: inout R) -> [Neighbor<UInt64>] {
        guard rescore else { return index.results(of: list, k: k, recorder: &recorder) }
        // The walk holds at most max(ef, k) allowed entries: with a small ef
        // all of them are rescored, never more than the walk found.
        return withUnsafeTemporaryAllocation(of: Candidate.self, capacity: max(1, min(candidates, list.allowedCount))) { buffer in
            let chosen = buffer.baseAddress!
            var count = 0
            list.forEachAllowed { entry in
                (chosen + count).initialize(to: Candidate(distance: entry.distance, id: entry.id))
                count &+= 1
                return count < buffer.count
            }
            // The rows are independent: ask for all of them before the first
            // distance, so their cache misses overlap.
            for position in 0..<count { vb_prefetch_read(index.vectorPointer(chosen[position].id)) }
            let dimension = index.dimension, metric = index.metric
            for position in 0..<count {
                let vector = index.vectorPointer(chosen[position].id)
                recorder.rescored(vector: vector, bytes: dimension &* 4)
                chosen[position].distance = metric.distance(query, vector, dimension)
            }
            var rescored = UnsafeMutableBufferPointer(start: chosen, count: count)
            rescored.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.id < $1.id) }
            var results: [Neighbor<UInt64>] = []
            results.reserveCapacity(min(k, count))
            for candidate in rescored.prefix(k) {
                recorder.touched(index.labels + Int(candidate.id), bytes: 8, kind: .label)
                results.append(Neighbor(distance: candidate.distance, id: index.labels[Int(candidate.id)]))
            }
            return results.sorted()
        }
    }
}
