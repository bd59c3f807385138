import ArgumentParser
import BenchReport
import Foundation
import Testing
@testable import vecbench

@Suite("vecbench metrics and compare --metrics")
struct MetricsCommandTests {
    @Test("every metric id is listed with unit, direction, class and meaning")
    func text() {
        let lines = MetricsCommand.render(json: false).split(separator: "\n")
        let p99 = lines.first { $0.hasPrefix("search.p99 ") }
        #expect(p99?.contains("µs") == true && p99?.contains("lower") == true && p99?.contains("statistical") == true)
        let evaluations = lines.first { $0.hasPrefix("distance-evaluations ") }
        #expect(evaluations?.contains("deterministic") == true && evaluations?.contains("per query") == true)
        #expect(lines.first { $0.hasPrefix("recall ") }?.contains("higher") == true)
        #expect(lines.count == MetricCatalog.knownIDs.count + 2, "a header, a rule, a line per id")
    }

    @Test("--json is an array of {id, title, unit, direction, class, meaning}")
    func json() throws {
        struct Item: Decodable {
            var id, title, unit, direction, `class`, meaning: String
        }
        let items = try JSONDecoder().decode([Item].self, from: Data(MetricsCommand.render(json: true).utf8))
        #expect(items.map(\.id) == MetricCatalog.knownIDs)
        #expect(items.first { $0.id == "throughput" }?.direction == "higher is better")
        #expect(items.allSatisfy { !$0.meaning.isEmpty && ["deterministic", "statistical"].contains($0.class) })
    }

    @Test("compare --metrics with an unknown id fails, naming it and the valid ids")
    func unknownMetric() throws {
        let command = try CompareCommand.parse(["a/result.json", "--metrics", "nonsense,search.p99"])
        let error = try #require(throws: ValidationError.self) { try command.run() }
        #expect(error.message.contains("unknown metric 'nonsense'"))
        #expect(error.message.contains("search.p99") && error.message.contains("vecbench metrics"))
        #expect(!error.message.contains("'search.p99'"), "a known id is not reported")
    }
}
