import ArgumentParser
import BenchModel
import BenchReport
import Foundation
import Testing
@testable import vecbench

@Suite("vecbench ab and check: options and merged sides")
struct GateCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../BenchReportTests/Fixtures/legacy-run-1.json").standardized.path

    @Test("ab: both executables default to this one, and the candidate side may run another workload")
    func abOptions() throws {
        let command = try ABCommand.parse(["workloads/ci-gate.yaml", "--candidate-workload", "slow.yaml", "--runs", "3"])
        #expect(command.baseline == nil && command.candidate == nil)
        #expect(command.workload == "workloads/ci-gate.yaml")
        #expect(command.candidateWorkload == "slow.yaml")
        #expect(command.runs == 3)
        let builds = try ABCommand.parse(["--baseline", "/old/vecbench", "--candidate", "/new/vecbench", "w.yaml"])
        #expect(builds.baseline == "/old/vecbench" && builds.candidateWorkload == nil)
    }

    @Test("check: several documents per side are merged into repetitions, one document is read as is")
    func mergedSides() throws {
        let one = try CheckCommand.side([Self.fixture])
        guard case .run(let single) = one else {
            Issue.record("not a run document")
            return
        }
        let merged = try CheckCommand.side([Self.fixture, Self.fixture])
        guard case .run(let both) = merged else {
            Issue.record("not a run document")
            return
        }
        #expect(both.configurations.count == 2 * single.configurations.count)
        let once = MeasurementSet(run: single).repetitions
        #expect(!once.isEmpty)
        #expect(MeasurementSet(run: both).repetitions == once.mapValues { 2 * $0 })
        #expect(CheckCommand.label([Self.fixture]) == Self.fixture)
        #expect(CheckCommand.label(["a.json", "b.json", "c.json"]) == "a.json and 2 more")
        let parsed = try CheckCommand.parse(["--baseline", "a.json", "--baseline", "b.json", "--current", "c.json"])
        #expect(parsed.baseline == ["a.json", "b.json"] && parsed.current == ["c.json"])
    }

    @Test("check --paired: equal numbers of run documents become one interleaving; unequal ones are refused")
    func pairedSides() throws {
        var baseline = try CheckCommand.side([Self.fixture, Self.fixture])
        var current = try CheckCommand.side([Self.fixture, Self.fixture])
        try CheckCommand.pair(&baseline, &current, 2, 2)
        guard case .run(let before) = baseline, case .run(let after) = current else {
            Issue.record("not run documents")
            return
        }
        #expect(before.interleaving == RunInterleaving(session: "check --paired", side: .baseline, pairs: 2))
        #expect(after.interleaving?.side == .candidate)
        #expect(try RegressionCheck.evaluate(baseline: baseline, current: current).method?.contains("2 interleaved pairs") == true)
        #expect(throws: ValidationError.self) { try CheckCommand.pair(&baseline, &current, 2, 3) }
        #expect(try CheckCommand.parse(["--baseline", "a", "--current", "b", "--paired"]).paired)
    }
}
