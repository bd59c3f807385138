import Testing
import VectorCore
import VectorIndex
@testable import BenchRunner

/// `vecbench ann` sizes beyond their `InputLimit` are refused with the flag
/// named, before any file is read or anything allocated (the files here do
/// not exist: reaching them would be a different error).
@Suite("ANN benchmark limits")
struct AnnBenchmarkLimitTests {
    func configuration(m: Int = 8, efConstruction: Int = 60, efs: [Int] = [10], k: Int = 10, threads: Int = 1)
        -> AnnBenchmarkConfiguration {
        AnnBenchmarkConfiguration(
            basePath: "/nonexistent/base.fvecs", queriesPath: "/nonexistent/q.fvecs", groundTruthPath: "/nonexistent/gt.ivecs",
            metric: .l2, parameters: HNSWParameters(m: m, efConstruction: efConstruction), efs: efs, k: k, threads: threads)
    }

    func message(_ configuration: AnnBenchmarkConfiguration) -> String? {
        do {
            _ = try AnnBenchmark(configuration: configuration).run()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("ef 10¹² is refused at --ef with the limit, not an allocation failure")
    func hugeEF() throws {
        let text = try #require(message(configuration(efs: [16, 1_000_000_000_000])))
        #expect(text == "--ef: ef 1000000000000 is out of range: allowed 1…65536 (the candidate list holds ef entries per search)")
    }

    @Test("ef_construction, m, k and threads beyond their limits name their flag")
    func otherSizes() throws {
        let cases: [(AnnBenchmarkConfiguration, String)] = [
            (configuration(efConstruction: 1_000_000_000_000), "--ef-construction: ef_construction 1000000000000 is out of range"),
            (configuration(m: 100_000), "--m: m 100000 is out of range: allowed 2…512"),
            (configuration(k: 1 << 31), "--k: k 2147483648 is out of range: allowed 1…10000"),
            (configuration(threads: 100_000), "--threads: threads 100000 is out of range: allowed 1…1024"),
        ]
        for (configuration, prefix) in cases {
            let text = try #require(message(configuration))
            #expect(text.hasPrefix(prefix), "\(text)")
        }
    }
}
