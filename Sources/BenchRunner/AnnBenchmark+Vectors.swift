import BenchModel
import VectorCore
import VectorIndex

extension AnnBenchmark {
    /// One search of the sweep: over the f32 vectors, or over quantized rows
    /// with the configured oversampling and rescoring.
    struct Searcher {
        let index: HNSWIndex
        let quantized: QuantizedVectors?
        let options: QuantizedSearchOptions

        /// A quantized search without rescoring returns distances between codes.
        var returnsCodeDistances: Bool { quantized != nil && !options.rescore }

        /// The same neighbours with f32 distances (untimed: recall only).
        func exactDistances(_ found: [Neighbor<UInt64>], query: [Float]) -> [Neighbor<UInt64>] {
            let query = index.metric.normalizesVectors ? Distance.normalized(query) : query
            return found.map { neighbor in
                let stored = index.vector(of: neighbor.id) ?? query
                return Neighbor(distance: index.metric.distance(query, stored), id: neighbor.id)
            }.sorted()
        }

        @inline(__always)
        func search(_ query: UnsafeBufferPointer<Float>, k: Int, ef: Int,
                    statistics: UnsafeMutablePointer<SearchStatistics>? = nil) -> [Neighbor<UInt64>] {
            guard let quantized else { return index.search(query, k: k, ef: ef, statistics: statistics) }
            return index.search(query, k: k, ef: ef, quantized: quantized, options: options, statistics: statistics)
        }
    }

    /// Quantizes the placed index's vectors when asked; returns the searcher
    /// and how long training and encoding took.
    func searcher(for index: HNSWIndex, progress: Progress) throws -> (Searcher, quantizeSeconds: Double?) {
        let c = configuration
        guard let quantization = c.quantization else { return (Searcher(index: index, quantized: nil, options: c.quantizedSearch), nil) }
        let start = MonotonicClock.nanoseconds()
        let quantized = try QuantizedVectors(index: index, quantization: quantization,
                                             hugePages: index.isReadOnly ? .system : c.hugePages)
        let seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        progress(String(format: "quantized %d vectors as %@ (%d bytes each) in %.2f s", quantized.count,
                        quantization.description, quantized.rowBytes, seconds))
        return (Searcher(index: index, quantized: quantized, options: c.quantizedSearch), seconds)
    }

    /// Bytes per vector, RAM and disk apart (see `AnnResult.VectorSummary`).
    func vectorSummary(index: HNSWIndex, quantized: QuantizedVectors?, quantizeSeconds: Double?, placedBytes: Int,
                       mapped: Bool) -> AnnResult.VectorSummary {
        let c = configuration
        let n = Double(max(index.count, 1))
        let floatBytes = index.dimension * 4
        // memoryBytes counts, per vector, the f32 row, a level byte, a label
        // and an upper-block pointer, plus every link; the links are the rest.
        let otherBytes = 1.0 + 8 + 8
        let linkBytes = Double(index.memoryBytes) / n - Double(floatBytes) - otherBytes
        let codeBytes = quantized?.rowBytes
        let indexInRAM = mapped ? 0 : Double(index.memoryBytes) / n
        var summary = AnnResult.VectorSummary(
            quantization: "f32", links: c.links.rawValue, quantizeSeconds: quantizeSeconds, floatBytes: floatBytes,
            codeBytes: codeBytes, linkBytes: linkBytes, otherBytes: otherBytes,
            ramBytes: indexInRAM + Double(codeBytes ?? 0), diskBytes: mapped ? Double(placedBytes) / n : nil)
        switch c.quantization {
        case nil:
            break
        case .scalar(let quantile, let range):
            summary.quantization = "sq8"
            summary.quantile = quantile
            summary.range = range.rawValue
        case .binary(let centered):
            summary.quantization = "binary"
            summary.centered = centered
        }
        if c.quantization != nil {
            summary.oversampling = c.quantizedSearch.oversampling
            summary.rescore = c.quantizedSearch.rescore
        }
        return summary
    }
}
