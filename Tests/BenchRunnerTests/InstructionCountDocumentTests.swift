import BenchModel
import Foundation
import Testing

/// The committed `make bench-instructions` document (written by
/// scripts/bench_instructions.py) is an `InstructionCountResult`: the script
/// and the type describe one schema.
@Suite("Committed instruction-count document")
struct InstructionCountDocumentTests {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reports/bench-instructions/instructions.json").path
    }

    @Test("decodes, runs agree exactly, per-query figures are the first run's over the query count")
    func committedDocument() throws {
        let document = try JSONDecoder().decode(
            InstructionCountResult.self, from: Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(document.schema == InstructionCountResult.schemaIdentifier)
        #expect(document.runs.count >= 2)
        #expect(document.runsAgree)
        let first = try #require(document.runs.first)
        let queries = Double(document.workload.queries)
        #expect(document.perQuery.instructions == Double(first.instructions) / queries)
        #expect(document.perQuery.llMisses == Double(first.llMisses) / queries)
        #expect(first.instructions > first.dataAccesses && first.d1Misses >= first.llMisses)
    }

    @Test("runs that differ are not reported as agreeing")
    func disagreement() {
        let counts = InstructionCountResult.Counts(instructions: 10, dataAccesses: 5, d1Misses: 2, llMisses: 1)
        var other = counts
        other.instructions += 1
        let cache = InstructionCountResult.Cache(i1: "", d1: "", ll: "")
        let workload = InstructionCountResult.Workload(
            count: 1, dimension: 1, clusters: 1, queries: 1, m: 2, efConstruction: 1, ef: 1, k: 1, seed: 0)
        let perQuery = InstructionCountResult.PerQuery(instructions: 10, dataAccesses: 5, d1Misses: 2, llMisses: 1)
        let document = InstructionCountResult(tool: "t", scope: "s", workload: workload, cache: cache,
                                              runs: [counts, other], perQuery: perQuery)
        #expect(!document.runsAgree)
    }
}
