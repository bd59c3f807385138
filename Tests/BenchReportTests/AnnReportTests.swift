import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("ANN report")
struct AnnReportTests {
    static let result = AnnResult(
        context: RunContext(cpuModel: "Test CPU", cores: 2, kernel: "6.1", swiftVersion: "6.3", gitCommit: "abc",
                            createdAt: "2026-11-21T00:00:00Z"),
        dataset: .init(base: "b.fvecs", queries: "q.fvecs", groundtruth: "g.ivecs", count: 1000, dimension: 8,
                       queryCount: 10, metric: "l2"),
        build: .init(m: 16, m0: 32, efConstruction: 100, threads: 2, seconds: 1.5, storage: "mmap", advice: "random",
                     indexBytes: 3 * 1024 * 1024, saveSeconds: 0.25, openSeconds: 0.004, maxLevel: 2,
                     mappedResidentBytes: 2 * 1024 * 1024, mappedHugePageBytes: 0),
        k: 10, repeat: 3, peakRSSBytes: 50 * 1024 * 1024,
        runs: [
            .init(ef: 16, recall: 0.9, qps: 12345.6, qpsSamples: [12000, 12345.6, 12500], meanLatencyMicroseconds: 80,
                  p50LatencyMicroseconds: 75, p99LatencyMicroseconds: 150, maxLatencyMicroseconds: 400,
                  meanDistanceEvaluations: 300, meanVisitedNodes: 280, meanPagesTouched4K: 310, meanPagesTouched2M: 3,
                  meanVectorPages4K: 200, meanLinkPages4K: 110, statisticsOverhead: 1.04),
        ])

    @Test("the console table carries every figure, formatted")
    func text() {
        let text = AnnReport.text(Self.result)
        #expect(text.contains("1000 × 8 l2, 10 queries, k = 10"))
        #expect(text.contains("storage mmap (advice random)"))
        #expect(text.contains("build: 1.50 s with 2 threads, max level 2; index 3.0 MiB; peak RSS 50.0 MiB"))
        #expect(text.contains("index memory after the sweep: 2.0 MiB resident, 0 B in 2 MiB pages"))
        let row = text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("16 ") }
        #expect(row?.split(separator: " ").map(String.init) == ["16", "0.9000", "12345.6", "80.0", "75.0", "150.0", "300.0", "280.0", "310.0", "3.0"])
    }

    @Test("the JSON document round-trips and names its schema")
    func json() throws {
        let data = try AnnReport.json(Self.result)
        let decoded = try JSONDecoder().decode(AnnResult.self, from: data)
        #expect(decoded == Self.result)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["schema"] as? String == "vecbench.ann/1")
    }

    @Test("a table pads columns to the widest cell")
    func table() {
        var table = TextTable([("a", .left), ("bb", .right)])
        table.append(["xyz", "1"])
        #expect(table.render() == "a    bb\n---  --\nxyz   1\n")
    }
}
