import Testing
import VectorCore
@testable import VectorIndex

/// Search over quantized rows with oversampling and rescoring, on a seeded
/// clustered set whose queries are not drawn from the base.
@Suite("Quantized search")
struct QuantizedSearchTests {
    static let dimension = 32
    static let data = TestVectors.clustered(count: 4000, queries: 100, dimension: dimension, clusters: 30, spread: 0.6, seed: 17)
    static let truth: [Metric: [Set<UInt64>]] = Dictionary(uniqueKeysWithValues: Metric.allCases.map { metric in
        (metric, data.queries.map { Set(TestVectors.exactNeighbours(of: $0, in: data.base, k: 10, metric: metric).map(UInt64.init)) })
    })
    static let indexes: [Metric: HNSWIndex] = Dictionary(uniqueKeysWithValues: Metric.allCases.map { metric in
        let index = try! HNSWIndex(dimension: dimension, metric: metric, parameters: .init(m: 12, efConstruction: 100),
                                   capacity: data.base.count)
        let rows = TestVectors.flattened(data.base)
        try! rows.withUnsafeBufferPointer { try index.build(rows: $0.baseAddress!, count: data.base.count, threads: 1) }
        return (metric, index)
    })

    static func recall(_ metric: Metric, _ search: ([Float]) -> [Neighbor<UInt64>]) -> Double {
        var hits = 0
        for (query, truth) in zip(data.queries, Self.truth[metric]!) { hits += search(query).filter { truth.contains($0.id) }.count }
        return Double(hits) / Double(data.queries.count * 10)
    }

    /// The walk over codes keeps exactly `ef` candidates, as the f32 walk
    /// does. At ef 16 on this 32-dimension set the codes' error reorders too
    /// much of so short a list for ip and cosine with quantile 0.99 (so
    /// those start at ef 32), and cosine with a global 0.99 range — clipping
    /// 1 % of the values of unit vectors — misses by more than 0.01 at ef 32
    /// too; quantile 1 holds it at every ef.
    @Test("sq8 + rescore: recall within 0.01 of f32 at the same ef",
          arguments: [(Metric.l2, ScalarQuantizer.Range.global, 0.99, 3.0, 16), (.l2, .perDimension, 0.99, 3, 16),
                      (.innerProduct, .global, 0.99, 3, 32), (.innerProduct, .perDimension, 0.99, 3, 32),
                      (.cosine, .perDimension, 0.99, 3, 32), (.cosine, .global, 1, 2, 16), (.innerProduct, .global, 1, 2, 16),
                      (.l2, .global, 1, 2, 16)])
    func scalarRecallMatchesFloat(metric: Metric, range: ScalarQuantizer.Range, quantile: Double, oversampling: Double,
                                  lowestEf: Int) throws {
        let index = Self.indexes[metric]!
        let quantized = try QuantizedVectors(index: index, quantization: .scalar(quantile: quantile, range: range))
        #expect(quantized.rowBytes == (range == .perDimension && metric == .l2 ? Self.dimension + 4 : Self.dimension))
        for ef in [16, 32, 64] where ef >= lowestEf {
            let f32 = Self.recall(metric) { index.search($0, k: 10, ef: ef) }
            let sq8 = Self.recall(metric) {
                index.search($0, k: 10, ef: ef, quantized: quantized, options: .init(oversampling: oversampling, rescore: true))
            }
            #expect(sq8 >= f32 - 0.01, "\(metric) \(range) q \(quantile) ×\(oversampling) ef \(ef): sq8+rescore \(sq8) vs f32 \(f32)")
        }
    }

    /// 32 bits per vector is little (binary quantization is meant for
    /// hundreds of dimensions and more), so it takes oversampling 8 — and an
    /// ef that holds all 80 candidates — here.
    @Test("binary + rescore with oversampling 8 reaches recall 0.8 at ef 80", arguments: [Metric.cosine, .innerProduct])
    func binaryRecall(_ metric: Metric) throws {
        let index = Self.indexes[metric]!
        let quantized = try QuantizedVectors(index: index, quantization: .binary())
        #expect(quantized.rowBytes == 8)
        let plain = Self.recall(metric) { index.search($0, k: 10, ef: 80, quantized: quantized, options: .init(oversampling: 1, rescore: false)) }
        let rescored = Self.recall(metric) { index.search($0, k: 10, ef: 80, quantized: quantized, options: .init(oversampling: 8)) }
        #expect(rescored >= 0.8, "\(metric): binary + rescore ×8 recall \(rescored)")
        #expect(rescored > plain, "\(metric): rescoring did not help (\(plain) → \(rescored))")
    }

    @Test("binary quantization refuses l2")
    func binaryRefusesL2() {
        #expect(throws: HNSWError.self) { _ = try QuantizedVectors(index: Self.indexes[.l2]!, quantization: .binary()) }
    }

    @Test("rescore: exact distances in exact order; without: quantized distances", arguments: Metric.allCases)
    func rescoreChangesDistances(_ metric: Metric) throws {
        let index = Self.indexes[metric]!
        let quantized = try QuantizedVectors(index: index, quantization: .scalar())
        var differed = 0
        for query in Self.data.queries.prefix(30) {
            let rescored = index.search(query, k: 10, ef: 48, quantized: quantized, options: .init(oversampling: 3, rescore: true))
            let raw = index.search(query, k: 10, ef: 48, quantized: quantized, options: .init(oversampling: 3, rescore: false))
            #expect(rescored.count == 10 && raw.count == 10)
            for hit in rescored {
                let exact = metric.distance(metric.normalizesVectors ? Distance.normalized(query) : query, index.vector(of: hit.id)!)
                #expect(abs(hit.distance - exact) <= 1e-5 * max(1, abs(exact)))
            }
            #expect(zip(rescored, rescored.dropFirst()).allSatisfy { $0.distance <= $1.distance })
            // Without rescoring, distances are the quantized estimates.
            let exactOfRaw = raw.map { metric.distance(metric.normalizesVectors ? Distance.normalized(query) : query, index.vector(of: $0.id)!) }
            if zip(raw.map(\.distance), exactOfRaw).contains(where: { $0 != $1 }) { differed += 1 }
        }
        #expect(differed == 30, "quantized distances equalled exact ones for \(30 - differed) queries")
    }

    @Test("statistics count the traversal on quantized rows and the rescored f32 rows")
    func statistics() throws {
        let index = Self.indexes[.l2]!
        let quantized = try QuantizedVectors(index: index, quantization: .scalar())
        var stats = SearchStatistics()
        var log = MemoryAccessLog()
        let query = Self.data.queries[0]
        let results = query.withUnsafeBufferPointer {
            index.search($0, k: 10, ef: 40, quantized: quantized, options: .init(oversampling: 2.5), excluding: NoExclusion(),
                         statistics: &stats, accesses: &log)
        }
        #expect(results == index.search(query, k: 10, ef: 40, quantized: quantized, options: .init(oversampling: 2.5)))
        #expect(stats.queries == 1 && stats.rescoredVectors == 25 && stats.distanceEvaluations > 25)
        let rows = quantized.range
        let quantizedReads = log.accesses.filter { $0.kind == .vector && rows.contains($0.address) }.count
        let floatReads = log.accesses.filter { $0.kind == .vector && !rows.contains($0.address) }.count
        #expect(quantizedReads == stats.distanceEvaluations && floatReads == 25)
    }

    /// With oversampling raising the walk's ef to k × oversampling, every ef
    /// below that ran one and the same search (flat points on the curve).
    @Test("ef alone sets the walk; only the walk's candidates are rescored", arguments: [Metric.l2, .cosine])
    func efControlsTheWalk(_ metric: Metric) throws {
        let index = Self.indexes[metric]!
        let quantized = try QuantizedVectors(index: index, quantization: .scalar(quantile: 0.99, range: .perDimension))
        var visited: [Int] = []
        for ef in [10, 16, 24, 40, 64] {
            var stats = SearchStatistics()
            for query in Self.data.queries.prefix(20) {
                let found = query.withUnsafeBufferPointer {
                    index.search($0, k: 10, ef: ef, quantized: quantized, options: .init(oversampling: 4), statistics: &stats)
                }
                #expect(found.count == 10)
            }
            #expect(stats.rescoredVectors == 20 * min(ef, 40), "ef \(ef): \(stats.rescoredVectors) rows rescored")
            visited.append(stats.visitedNodes)
        }
        #expect(zip(visited, visited.dropFirst()).allSatisfy { $0 < $1 }, "visited nodes per ef: \(visited)")
    }

    @Test("each specialised int8 form measures what ScalarQuantizer.distance does",
          arguments: [(Metric.l2, ScalarQuantizer.Range.global), (.l2, .perDimension), (.innerProduct, .global), (.cosine, .perDimension)])
    func scalarFormsMatchQuantizer(metric: Metric, range: ScalarQuantizer.Range) throws {
        let index = Self.indexes[metric]!
        let quantized = try QuantizedVectors(index: index, quantization: .scalar(quantile: 0.99, range: range))
        guard case .scalar(let scalar, let correctionOffset) = quantized.quantizer else { Issue.record("not scalar"); return }
        var query = Self.data.queries[3]
        if metric.normalizesVectors { query = Distance.normalized(query) }
        var codes = [Int8](repeating: 0, count: Self.dimension)
        let terms = query.withUnsafeBufferPointer { scalar.prepare(query: $0.baseAddress!, metric: metric, into: &codes) }
        codes.withUnsafeBufferPointer { codes in
            func check<Form: ScalarDistanceForm>(_ form: Form.Type) {
                let traversal = ScalarTraversal<Form>(
                    terms: terms, query: codes.baseAddress!, codes: UnsafeRawPointer(quantized.rows), stride: quantized.rowBytes,
                    dimension: Self.dimension, correctionOffset: correctionOffset ?? 0, regionBytes: quantized.memoryBytes)
                for node in stride(from: 0, to: quantized.count, by: 97) {
                    let row = traversal.row(UInt32(node))
                    let correction = correctionOffset.map { row.loadUnaligned(fromByteOffset: $0, as: Float.self) } ?? 0
                    let expected = ScalarQuantizer.distance(terms, query: codes.baseAddress!, stored: row.assumingMemoryBound(to: Int8.self),
                                                            correction: correction, dimension: Self.dimension)
                    #expect(traversal.distance(to: row) == expected, "\(metric) \(range) node \(node)")
                }
            }
            switch (terms.form, correctionOffset) {
            case (.codeL2, _): check(CodeL2Form.self)
            case (.dot, nil): check(DotForm.self)
            case (.dot, .some): check(CorrectedDotForm.self)
            }
        }
        #expect((terms.form == .codeL2) == (metric == .l2 && range == .global))
        #expect((correctionOffset != nil) == (metric == .l2 && range == .perDimension))
    }

    @Test("an index opened over an image (and compressed links) searches quantized rows the same")
    func quantizedOverImage() throws {
        let index = Self.indexes[.cosine]!
        let reopened = try HNSWIndex(image: index.image(links: .compressed))
        let quantized = try QuantizedVectors(index: index, quantization: .scalar())
        let again = try QuantizedVectors(index: reopened, quantization: .scalar())
        for query in Self.data.queries.prefix(20) {
            let expected = index.search(query, k: 10, ef: 32, quantized: quantized, options: .init(oversampling: 2))
            #expect(reopened.search(query, k: 10, ef: 32, quantized: again, options: .init(oversampling: 2)) == expected)
        }
    }
}
