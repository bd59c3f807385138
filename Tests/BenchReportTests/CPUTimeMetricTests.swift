import BenchModel
import Foundation
import Testing
@testable import BenchReport

/// `cpu-time`: µs of CPU per operation, from perf's task-clock or else the
/// OS CPU time; statistical and gated by default like the other
/// per-operation counters.
@Suite("cpu-time metric")
struct CPUTimeMetricTests {
    static func phase(taskClockNanos: Double?, userMicros: Double?, systemMicros: Double?, operations: Int = 1_000) -> PhaseResult {
        var phase = RunFixtures.threeConfigurations().configurations[0].phases.first { !$0.warmup }!
        phase.operations = [OperationResult(kind: .search, count: operations, errors: 0, points: 0,
                                            latency: phase.operations[0].latency, service: phase.operations[0].service)]
        phase.counters = taskClockNanos.map {
            [CounterMeasurement(name: "task-clock", status: .counted, reason: nil, value: $0, perOperation: $0 / Double(operations),
                                runningPercent: 100)]
        } ?? [CounterMeasurement(name: "task-clock", status: .notCounted, reason: "the counter was not enabled during this interval",
                                 value: nil, perOperation: nil, runningPercent: nil)]
        phase.os.userCPUMicros = userMicros.map { Reading(value: $0) }
        phase.os.systemCPUMicros = systemMicros.map { Reading(value: $0) }
        return phase
    }

    @Test("task-clock nanoseconds become µs per operation, ahead of the OS figure")
    func fromTaskClock() {
        let value = MetricCatalog.cpuTimePerOperation(Self.phase(taskClockNanos: 250_000_000, userMicros: 1, systemMicros: 1))
        #expect(value == .value(250))
    }

    @Test("without task-clock, the OS user + system time per operation")
    func fromOSCPUTime() {
        let value = MetricCatalog.cpuTimePerOperation(Self.phase(taskClockNanos: nil, userMicros: 150_000, systemMicros: 50_000))
        #expect(value == .value(200))
    }

    @Test("a document with neither says why, naming the counter's reason")
    func neither() {
        let value = MetricCatalog.cpuTimePerOperation(Self.phase(taskClockNanos: nil, userMicros: nil, systemMicros: nil))
        #expect(value.number == nil)
        #expect(value.unavailableReason?.contains("not enabled during this interval") == true)
        #expect(value.unavailableReason?.contains("no OS CPU time") == true)
    }

    @Test("an OS summary written before CPU time was recorded still decodes")
    func olderDocumentsDecode() throws {
        let os = RunFixtures.os(rss: 1, huge: 0, faults: 1, switches: 1)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(os)) as? [String: Any])
        #expect(json["userCPUMicros"] == nil, "nil fields are not written")
        json.removeValue(forKey: "userCPUMicros")
        let decoded = try JSONDecoder().decode(OSSummary.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(decoded.userCPUMicros == nil && decoded.systemCPUMicros == nil)
        var withCPU = os
        withCPU.userCPUMicros = Reading(value: 12)
        withCPU.systemCPUMicros = Reading(unavailable: "getrusage failed")
        #expect(try JSONDecoder().decode(OSSummary.self, from: JSONEncoder().encode(withCPU)) == withCPU)
    }

    @Test("listed, statistical, lower is better, in µs per operation, with a default rule")
    func classedAndGated() throws {
        let listing = try #require(MetricCatalog.listing.first { $0.id == "cpu-time" })
        #expect(listing.unit == "µs per operation")
        #expect(listing.metricClass == "statistical")
        #expect(listing.direction == "lower is better")
        #expect(listing.meaning.contains("waiting for a CPU"))
        #expect(MetricCatalog.cpuTime.format(12.5) == "12.5 µs/op")
        let rule = try #require(CheckThresholds.defaults.rule(for: .init(configuration: "any", phase: "any"), "cpu-time"))
        #expect(rule.relative == 10)
    }

    @Test("fsyncs per operation depends on group-commit timing: statistical, not gated exactly")
    func fsyncsPerOperationIsStatistical() throws {
        #expect(MetricClass.of("fsyncs-per-operation") == .statistical)
        #expect(MetricClass.of("wal-bytes-per-operation") == .deterministic)
        let listing = try #require(MetricCatalog.listing.first { $0.id == "fsyncs-per-operation" })
        #expect(listing.metricClass == "statistical")
    }

    /// The fixture's runs with a task-clock of `microsPerOperation` × the
    /// run's jitter in every phase.
    static func withTaskClock(_ run: RunResult, microsPerOperation: Double, jitters: [Double]) -> RunResult {
        var run = run
        for index in run.configurations.indices {
            let jitter = jitters[index % jitters.count]
            for phase in run.configurations[index].phases.indices {
                let operations = run.configurations[index].phases[phase].operations.reduce(0) { $0 + $1.count }
                let nanos = microsPerOperation * 1000 * jitter * Double(operations)
                run.configurations[index].phases[phase].counters.append(CounterMeasurement(
                    name: "task-clock", status: .counted, reason: nil, value: nanos, perOperation: nanos / Double(operations),
                    runningPercent: 100))
            }
        }
        return run
    }

    @Test("check flags a CPU time that rose on every repetition, and passes one that did not move")
    func checkGatesCPUTime() throws {
        let baseline = Self.withTaskClock(RunFixtures.repeatedOnVirtualMachine(), microsPerOperation: 140, jitters: [1.0, 1.04, 0.98])
        let slower = Self.withTaskClock(RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22]), microsPerOperation: 140,
                                        jitters: [1.2, 1.25, 1.22])
        let outcome = try RegressionCheck.evaluate(baseline: .run(baseline), current: .run(slower), thresholds: .defaults,
                                                   failOnImprovement: false)
        let steady = try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "cpu-time" })
        #expect(steady.verdict == .regression)
        #expect(steady.metricClass == .statistical)
        let same = try RegressionCheck.evaluate(baseline: .run(baseline), current: .run(baseline), thresholds: .defaults,
                                                failOnImprovement: false)
        #expect(same.findings.first { $0.subject.phase == "steady" && $0.metric.id == "cpu-time" }?.verdict == .pass)
    }
}
