import CHDF5
import Foundation
import Testing
import VectorCore
import VectorIndex
@testable import BenchRunner

/// `vecbench ann` over an ann-benchmarks HDF5 file that the test writes
/// through libhdf5 (train, test, neighbors, the distance attribute).
@Suite("ANN benchmark over HDF5 input")
struct AnnBenchmarkHDF5Tests {
    struct Contents {
        var train: DenseMatrix<Float>
        var test: DenseMatrix<Float>
        var neighbors: DenseMatrix<Int32>?
        var distance: String? = "euclidean"
        var skipTest = false
    }

    static func contents(metric: Metric = .l2, neighbors: Int = 20) throws -> Contents {
        let data = ClusteredDatasetGenerator(count: 1500, dimension: 12, clusters: 15, queries: 40, seed: 9).generate()
        let truth = try GroundTruth.compute(base: data.base, queries: data.queries, k: neighbors, metric: metric)
        let spelling = [Metric.l2: "euclidean", .cosine: "angular", .innerProduct: "dot"][metric]
        return Contents(train: data.base, test: data.queries, neighbors: truth.ids, distance: spelling)
    }

    static func write(_ contents: Contents) -> String {
        let path = NSTemporaryDirectory() + "vecbench-ann-\(UUID().uuidString).hdf5"
        var file: Int64 = 0
        #expect(Int(vb_h5_create(path, &file)) == VB_H5_OK)
        defer { vb_h5_close(file) }
        func floats(_ name: String, _ matrix: DenseMatrix<Float>) {
            #expect(Int(vb_h5_write_float(file, name, matrix.elements, Int64(matrix.count), Int64(matrix.dimension))) == VB_H5_OK)
        }
        floats("train", contents.train)
        if !contents.skipTest { floats("test", contents.test) }
        if let ids = contents.neighbors {
            #expect(Int(vb_h5_write_int32(file, "neighbors", ids.elements, Int64(ids.count), Int64(ids.dimension))) == VB_H5_OK)
        }
        if let distance = contents.distance { #expect(Int(vb_h5_write_string_attribute(file, "distance", distance)) == VB_H5_OK) }
        return path
    }

    func configuration(_ path: String, metric: Metric = .l2, explicit: Bool = false, k: Int = 10,
                       limit: Int? = nil) -> AnnBenchmarkConfiguration {
        AnnBenchmarkConfiguration(
            basePath: path, queriesPath: "", groundTruthPath: "", metric: metric,
            parameters: HNSWParameters(m: 8, efConstruction: 60), efs: [10, 60], k: k, threads: 1, repeat: 1,
            baseLimit: limit, minimumRecall: 0.9, metricIsExplicit: explicit)
    }

    @Test("train, test and neighbors are read from the file; its distance attribute sets the metric",
          arguments: [Metric.l2, .cosine, .innerProduct])
    func reads(metric: Metric) throws {
        let path = Self.write(try Self.contents(metric: metric))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try AnnBenchmark(configuration: configuration(path)).run()
        #expect(result.dataset.metric == metric.rawValue)
        #expect(result.dataset.count == 1500 && result.dataset.queryCount == 40 && result.dataset.dimension == 12)
        #expect(result.dataset.groundTruthSource == "hdf5")
        #expect(result.dataset.groundtruth == path + "#neighbors")
        #expect(result.runs[1].recall >= 0.95)
    }

    @Test("without neighbors, or with --limit cutting train, the ground truth is computed exactly")
    func computed() throws {
        var contents = try Self.contents()
        contents.neighbors = nil
        let path = Self.write(contents)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try AnnBenchmark(configuration: configuration(path)).run()
        #expect(whole.dataset.groundTruthSource == "computed" && whole.runs[1].recall >= 0.95)
        let cut = try AnnBenchmark(configuration: configuration(path, limit: 700)).run()
        #expect(cut.dataset.count == 700 && cut.dataset.groundTruthSource == "computed")
    }

    @Test("k beyond the file's neighbours, a metric the file contradicts, and stray files are refused by name")
    func refusals() throws {
        let path = Self.write(try Self.contents(neighbors: 5))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: AnnBenchmarkError.groundTruthTooNarrow(path: path + "#neighbors", columns: 5, k: 10)) {
            try AnnBenchmark(configuration: configuration(path)).run()
        }
        #expect(throws: AnnBenchmarkError.metricMismatch(path: path, fileMetric: "l2", asked: "ip")) {
            try AnnBenchmark(configuration: configuration(path, metric: .innerProduct, explicit: true, k: 5)).run()
        }
        var stray = configuration(path, k: 5)
        stray.queriesPath = "/tmp/queries.fvecs"
        #expect(throws: AnnBenchmarkError.self) { try AnnBenchmark(configuration: stray).run() }
    }

    @Test("a missing test dataset and neighbors of the wrong shape are errors naming the file and dataset")
    func malformed() throws {
        var contents = try Self.contents()
        contents.skipTest = true
        let noTest = Self.write(contents)
        defer { try? FileManager.default.removeItem(atPath: noTest) }
        #expect(throws: HDF5Error.missingDataset(path: noTest, dataset: "test")) {
            try AnnBenchmark(configuration: configuration(noTest)).run()
        }
        contents = try Self.contents()
        contents.neighbors = AnnBenchmark.prefix(contents.neighbors!, 10)
        let short = Self.write(contents)
        defer { try? FileManager.default.removeItem(atPath: short) }
        do {
            _ = try AnnBenchmark(configuration: configuration(short)).run()
            Issue.record("neighbors with 10 rows for 40 queries was accepted")
        } catch let error as HDF5Error {
            #expect(error.description.contains(short) && error.description.contains("neighbors has 10 rows for 40"))
        }
    }
}
