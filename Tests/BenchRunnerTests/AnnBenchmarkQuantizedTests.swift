import BenchModel
import Foundation
import Testing
import VectorCore
import VectorIndex
@testable import BenchRunner

/// `vecbench ann --quantization … --links …` end to end on small files.
@Suite("ANN benchmark with quantized vectors and compressed links")
struct AnnBenchmarkQuantizedTests {
    func configuration(_ files: AnnBenchmarkTests.Files, quantization: VectorQuantization? = nil, oversampling: Double = 2,
                       links: LinkLayout = .plain, storage: AnnStorage = .ram) -> AnnBenchmarkConfiguration {
        AnnBenchmarkConfiguration(
            basePath: files.base, queriesPath: files.queries, groundTruthPath: files.truth, metric: .l2,
            parameters: HNSWParameters(m: 8, efConstruction: 60), efs: [20, 80], k: 10, threads: 1, storage: storage,
            repeat: 1, quantization: quantization, quantizedSearch: QuantizedSearchOptions(oversampling: oversampling, rescore: true),
            links: links)
    }

    @Test("sq8 + rescore: recall within 0.01 of f32 per ef; codes are a quarter of the floats, recorded in the document")
    func scalar() throws {
        let files = try AnnBenchmarkTests.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let f32 = try AnnBenchmark(configuration: configuration(files)).run()
        let sq8 = try AnnBenchmark(configuration: configuration(files, quantization: .scalar())).run()
        for (a, b) in zip(f32.runs, sq8.runs) { #expect(abs(a.recall - b.recall) <= 0.01, "ef \(a.ef)") }
        let v = try #require(sq8.vectors)
        #expect(v.quantization == "sq8" && v.quantile == 0.99 && v.oversampling == 2 && v.rescore == true)
        #expect(v.floatBytes == 64 && v.codeBytes == 16 && v.codeShareOfFloats == 0.25)
        #expect(v.ramBytes == (f32.vectors?.ramBytes ?? 0) + 16 && v.diskBytes == nil)
        #expect(f32.vectors?.quantization == "f32" && f32.vectors?.codeBytes == nil)
        let text = try String(decoding: ResultDocumentEncoder.encode(sq8), as: UTF8.self)
        #expect(text.contains("\"quantization\" : \"sq8\""))
    }

    @Test("without rescoring, recall is judged on exact distances: no false 'ground truth inconsistent'",
          arguments: [Metric.l2, .innerProduct])
    func withoutRescore(metric: Metric) throws {
        let files = try AnnBenchmarkTests.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        var c = configuration(files, quantization: .scalar())
        c.metric = metric
        c.quantizedSearch.rescore = false
        if metric != .l2 {
            let data = try DatasetReader.readFloats(files.base), queries = try DatasetReader.readFloats(files.queries)
            try GroundTruth.compute(base: data, queries: queries, k: 20, metric: metric).write(idsTo: files.truth, distancesTo: nil)
        }
        let result = try AnnBenchmark(configuration: c).run()
        #expect(result.vectors?.rescore == false)
        #expect(result.runs[1].recall > 0.8 && result.runs[1].recall <= 1)
    }

    @Test("compressed links search the same graph as plain ones; on a mapping the floats count as disk")
    func compressedLinks() throws {
        let files = try AnnBenchmarkTests.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let plain = try AnnBenchmark(configuration: configuration(files)).run()
        let compressed = try AnnBenchmark(configuration: configuration(files, links: .compressed)).run()
        for (a, b) in zip(plain.runs, compressed.runs) {
            #expect(a.recall == b.recall && a.meanDistanceEvaluations == b.meanDistanceEvaluations)
        }
        #expect(compressed.vectors?.links == "compressed")
        #expect((compressed.vectors?.linkBytes ?? .infinity) < (plain.vectors?.linkBytes ?? 0))
        let mapped = try AnnBenchmark(configuration: configuration(
            files, quantization: .scalar(), links: .compressed,
            storage: .mmap(advice: .random, directory: nil, hugePageAlignment: false))).run()
        let v = try #require(mapped.vectors)
        #expect(v.ramBytes == 16 && (v.diskBytes ?? 0) > 64)
    }

    @Test("binary quantization on an l2 dataset and oversampling below 1 are refused as options")
    func refusals() throws {
        let files = try AnnBenchmarkTests.makeFiles(count: 200, queries: 5)
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        #expect(throws: AnnBenchmarkError.self) {
            try AnnBenchmark(configuration: configuration(files, quantization: .binary())).run()
        }
        #expect(throws: AnnBenchmarkError.self) {
            try AnnBenchmark(configuration: configuration(files, quantization: .scalar(), oversampling: 0.5)).run()
        }
    }
}
