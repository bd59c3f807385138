import BenchModel
import Foundation
import Testing
import VectorCore
import VectorIndex
@testable import BenchRunner

/// End to end on a small generated dataset written to real files.
@Suite("ANN benchmark")
struct AnnBenchmarkTests {
    struct Files {
        let directory: String
        var base: String { directory + "/base.fvecs" }
        var queries: String { directory + "/queries.fvecs" }
        var truth: String { directory + "/groundtruth.ivecs" }
    }

    static func makeFiles(count: Int = 2000, dimension: Int = 16, queries: Int = 50, seed: UInt64 = 5) throws -> Files {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ann-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files = Files(directory: directory)
        let data = ClusteredDatasetGenerator(count: count, dimension: dimension, clusters: 20, queries: queries, seed: seed).generate()
        try DatasetWriter.write(data.base, to: files.base)
        try DatasetWriter.write(data.queries, to: files.queries)
        let truth = try GroundTruth.compute(base: data.base, queries: data.queries, k: 20, metric: .l2)
        try truth.write(idsTo: files.truth, distancesTo: nil)
        return files
    }

    /// One build thread: a single-threaded build with a fixed seed gives the
    /// same graph every time, so two runs can be compared exactly.
    func configuration(_ files: Files, storage: AnnStorage = .ram, efs: [Int] = [10, 80]) -> AnnBenchmarkConfiguration {
        AnnBenchmarkConfiguration(
            basePath: files.base, queriesPath: files.queries, groundTruthPath: files.truth, metric: .l2,
            parameters: HNSWParameters(m: 8, efConstruction: 60), efs: efs, k: 10, threads: 1, storage: storage,
            repeat: 2, minimumRecall: 0.9)
    }

    @Test("ram and mmap give the same recall and exact statistics; recall rises with ef")
    func ramAndMapped() throws {
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let ram = try AnnBenchmark(configuration: configuration(files)).run()
        let mapped = try AnnBenchmark(configuration: configuration(
            files, storage: .mmap(advice: .random, directory: files.directory + "/index", hugePageAlignment: false))).run()
        #expect(ram.dataset.count == 2000 && ram.dataset.queryCount == 50 && ram.dataset.dimension == 16)
        #expect(ram.runs.map(\.ef) == [10, 80])
        #expect(ram.runs[1].recall >= 0.95)
        #expect(ram.runs[0].recall <= ram.runs[1].recall)
        #expect(mapped.build.storage == "mmap" && mapped.build.advice == "random")
        // The huge-page policy is the in-RAM arrays'; a mapped index has its advice instead.
        #expect(ram.build.hugePages == "system" && mapped.build.hugePages == nil)
        #expect((ram.build.mappedResidentBytes ?? 0) > 0 && (mapped.build.mappedResidentBytes ?? 0) > 0)
        #expect(mapped.build.indexBytes > 2000 * 16 * 4)
        #expect(FileManager.default.fileExists(atPath: files.directory + "/index/index.vbs"))
        for (a, b) in zip(ram.runs, mapped.runs) {
            // The same graph searched in RAM and through the mapping.
            #expect(a.recall == b.recall)
            #expect(a.meanDistanceEvaluations == b.meanDistanceEvaluations)
            #expect(a.meanVisitedNodes == b.meanVisitedNodes)
            #expect(b.qps > 0 && b.qpsSamples.count == 2)
            #expect(b.meanPagesTouched4K >= 1)
        }
        #expect((ram.peakRSSBytes ?? 0) > 0, "VmHWM is readable on Linux")
        #expect(ram.context.cores >= 1)
    }

    @Test("a ground truth from other data fails the run loudly instead of reporting near-zero recall")
    func foreignTruth() throws {
        let files = try Self.makeFiles()
        let other = try Self.makeFiles(seed: 99)
        defer {
            try? FileManager.default.removeItem(atPath: files.directory)
            try? FileManager.default.removeItem(atPath: other.directory)
        }
        var c = configuration(files)
        c.groundTruthPath = other.truth
        #expect(throws: AnnBenchmarkError.self) { _ = try AnnBenchmark(configuration: c).run() }
        do {
            _ = try AnnBenchmark(configuration: c).run()
        } catch AnnBenchmarkError.groundTruthInconsistent(let path, let beaten, let queries) {
            #expect(path == other.truth && queries == 50 && beaten > 25)
        }
    }

    @Test("a ground truth naming ids beyond the base is refused with row and column")
    func truthBeyondBase() throws {
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        var c = configuration(files)
        c.baseLimit = 100
        do {
            _ = try AnnBenchmark(configuration: c).run()
            Issue.record("ids beyond a 100-row base were accepted")
        } catch AnnBenchmarkError.groundTruthIDOutOfRange(let path, _, _, let id, let baseCount) {
            #expect(path == files.truth && id >= 100 && baseCount == 100)
        }
    }

    @Test("bad options and mismatched files are refused with the file named")
    func badInput() throws {
        let files = try Self.makeFiles()
        let narrow = try Self.makeFiles(dimension: 8)
        defer {
            try? FileManager.default.removeItem(atPath: files.directory)
            try? FileManager.default.removeItem(atPath: narrow.directory)
        }
        var wrongDimension = configuration(files)
        wrongDimension.queriesPath = narrow.queries
        do {
            _ = try AnnBenchmark(configuration: wrongDimension).run()
            Issue.record("a query file of another dimension was accepted")
        } catch let error as AnnBenchmarkError {
            #expect(error.description.contains(narrow.queries))
        }
        var tooWide = configuration(files)
        tooWide.k = 50
        #expect(throws: AnnBenchmarkError.groundTruthTooNarrow(path: files.truth, columns: 20, k: 50)) {
            _ = try AnnBenchmark(configuration: tooWide).run()
        }
        var noEf = configuration(files, efs: [])
        #expect(throws: AnnBenchmarkError.invalidOption("--ef needs at least one value")) {
            _ = try AnnBenchmark(configuration: noEf).run()
        }
        noEf.efs = [0]
        #expect(throws: AnnBenchmarkError.self) { _ = try AnnBenchmark(configuration: noEf).run() }
    }
}
