import BenchModel
import Foundation
import MemoryModel
import Testing
import VectorCore
import VectorIndex
@testable import BenchRunner

/// `vecbench ann --model`: the modelled pass, its bridge into the model,
/// its options and the document fields it adds.
@Suite("ANN benchmark with the memory model")
struct AnnModelTests {
    func configuration(_ files: AnnBenchmarkTests.Files, model: AnnModelConfiguration?) -> AnnBenchmarkConfiguration {
        AnnBenchmarkConfiguration(
            basePath: files.base, queriesPath: files.queries, groundTruthPath: files.truth, metric: .l2,
            parameters: HNSWParameters(m: 8, efConstruction: 60), efs: [10, 80], k: 10, threads: 1, storage: .ram,
            repeat: 1, minimumRecall: 0.9, hugePages: .never, model: model)
    }

    @Test("every engine access kind maps to the model kind of the same name")
    func kinds() {
        for kind in MemoryAccessKind.allCases {
            #expect(MemoryModelBridge.kind(kind).rawValue == Int(kind.rawValue))
            #expect("\(MemoryModelBridge.kind(kind))".replacingOccurrences(of: " ", with: "").lowercased()
                    .hasPrefix(String("\(kind)".lowercased().prefix(5))))
        }
    }

    @Test("modelled figures per ef, consistent with each other; a larger ef costs more")
    func modelledRun() throws {
        let files = try AnnBenchmarkTests.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let result = try AnnBenchmark(configuration: configuration(
            files, model: AnnModelConfiguration(cpu: "skylake-sp", pcid: "none", sample: 1))).run()
        let model = try #require(result.model)
        #expect(model.cpu == "skylake-sp" && model.origin == "preset" && model.pcid == "none" && model.sample == 1)
        #expect(model.regions.map(\.name) == ["vectors", "level0Links"])
        // --huge-pages never: the arrays are modelled at 4 KiB.
        #expect(model.regions.allSatisfy { $0.pageSize == "4K" })
        let small = try #require(result.runs[0].modelled), large = try #require(result.runs[1].modelled)
        for m in [small, large] {
            #expect(m.queries == 50)
            #expect(m.accessesPerQuery > 0)
            #expect(m.pageWalksPerQuery <= m.l1dTLBMissesPerQuery)
            #expect(m.llcMissesPerQuery <= m.l1dMissesPerQuery)
            #expect(m.l1dTLBHitRate.map { (0...1).contains($0) } == true)
            #expect(m.replayAccessesPerSecond > 0)
        }
        #expect(large.accessesPerQuery > small.accessesPerQuery)
        // The document keeps them.
        let decoded = try JSONDecoder().decode(AnnResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test("sampling replays every Nth query; the counts of accesses do not depend on the process")
    func sampled() throws {
        let files = try AnnBenchmarkTests.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let all = try AnnBenchmark(configuration: configuration(files, model: AnnModelConfiguration(cpu: "zen4"))).run()
        let again = try AnnBenchmark(configuration: configuration(files, model: AnnModelConfiguration(cpu: "zen4"))).run()
        let fifth = try AnnBenchmark(configuration: configuration(
            files, model: AnnModelConfiguration(cpu: "zen4", pcid: "ideal", sample: 5))).run()
        #expect(fifth.runs[0].modelled?.queries == 10)
        #expect(all.runs.map { $0.modelled?.accessesPerQuery } == again.runs.map { $0.modelled?.accessesPerQuery })
    }

    @Test("an unknown CPU, a bad PCID mode or sample ≤ 0 is refused before anything runs",
          arguments: [
            (AnnModelConfiguration(cpu: "pentium"), "--model 'pentium'"),
            (AnnModelConfiguration(cpu: "zen3", pcid: "some"), "--pcid"),
            (AnnModelConfiguration(cpu: "zen3", sample: 0), "--model-sample"),
          ])
    func refused(model: AnnModelConfiguration, flag: String) throws {
        let configuration = configuration(
            AnnBenchmarkTests.Files(directory: "/nonexistent-\(UUID().uuidString)"), model: model)
        do {
            _ = try AnnBenchmark(configuration: configuration).run()
            Issue.record("expected a refusal naming \(flag)")
        } catch let error as AnnBenchmarkError {
            #expect(error.description.contains(flag))
        }
    }

    @Test("a document without model fields (older, or no --model) still decodes")
    func oldDocumentDecodes() throws {
        let files = try AnnBenchmarkTests.makeFiles(count: 400, queries: 10)
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let result = try AnnBenchmark(configuration: configuration(files, model: nil)).run()
        let text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!text.contains("\"model"))
        let decoded = try JSONDecoder().decode(AnnResult.self, from: Data(text.utf8))
        #expect(decoded.model == nil && decoded.runs.allSatisfy { $0.modelled == nil })
    }
}
