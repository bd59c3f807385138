import BenchModel
import Testing
@testable import Workloads

/// `sweep:`: values applied to the document and read again, and every
/// mistake located at its line and column.
@Suite struct SweepTests {
    /// `WorkloadFixtures.minimal` with a sweep appended (line 11 onwards).
    static func swept(_ sweep: String) -> String {
        WorkloadFixtures.minimal + "\n" + sweep
    }

    @Test func tenantCountSweepReadsEveryValue() throws {
        let workload = try WorkloadFixtures.parse(Self.swept("sweep: {data.tenants.count: [10, 50, 200]}"))
        let sweep = try #require(workload.sweep)
        #expect(sweep.path == "data.tenants.count")
        #expect(sweep.values == [.integer(10), .integer(50), .integer(200)])
        #expect(sweep.points.map(\.data.tenants) == [10, 50, 200])
        #expect(sweep.points.allSatisfy { $0.sweep == nil })
        #expect(workload.data.tenants == 10)
        #expect(workload.sweepPoints.map(\.value) == [.integer(10), .integer(50), .integer(200)])
        // Everything else is the file's own.
        #expect(sweep.points.allSatisfy { $0.phases == workload.phases && $0.seed == 3 })
    }

    @Test func phaseIsNamedByItsName() throws {
        let workload = try WorkloadFixtures.parse(Self.swept("sweep: {phases.p.arrival.poisson.rate: [100, 2.5e3]}"))
        let rates = try #require(workload.sweep).points.map { $0.phases[0].arrival }
        #expect(rates == [.poisson(rate: 100), .poisson(rate: 2500)])
        #expect(workload.sweep?.values == [.integer(100), .number(2500)])
    }

    @Test func followingPathMovesInStep() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "sizes: {fixed: 100}", with: "sizes: {zipf: {total: 1000, max: 500}}")
            + "\nsweep:\n  data.tenants.count: [10, 40]\n  data.tenants.sizes.zipf.total: [1000, 4000]"
        let sweep = try #require(try WorkloadFixtures.parse(yaml).sweep)
        #expect(sweep.points.map(\.data.tenants) == [10, 40])
        #expect(sweep.points.map(\.data.tenantSizes) == [.zipf(total: 1000, exponent: 1, minimum: 1, maximum: 500),
                                                         .zipf(total: 4000, exponent: 1, minimum: 1, maximum: 500)])
        #expect(sweep.fields.count == 2 && sweep.summary.path == "data.tenants.count")
    }

    @Test func engineKeyNotWrittenInTheFileIsAdded() throws {
        let yaml = Self.swept("engine:\n  base: {storage: ram}\nsweep: {engine.base.m: [8, 16]}")
        let sweep = try #require(try WorkloadFixtures.parse(yaml).sweep)
        #expect(sweep.points.map(\.base.m) == [8, 16])
    }

    @Test func wrongTypeValueIsLocatedAtTheValue() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: [10, many]}")))
        #expect(error.line == 11 && error.column == 34)
        #expect(error.fieldPath == "data.tenants.count")
        #expect(error.message.contains("with data.tenants.count = many: data.tenants.count: expected a whole number"))
    }

    @Test func outOfRangeValueFailsTheFieldsOwnCheck() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep:\n  data.tenants.count:\n    - 10\n    - 0")))
        #expect(error.line == 14 && error.column == 7)
        #expect(error.message.contains("must be in 1…1000000"))
    }

    @Test func unknownLastKeyIsLocatedAtThePathWithASuggestion() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.cout: [10]}")))
        #expect(error.line == 11 && error.column == 9)
        #expect(error.message.contains("unknown path"))
        #expect(error.message.contains("did you mean 'count'?"))
    }

    @Test func unknownMiddleKeyIsLocatedAtThePath() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tennants.count: [10]}")))
        #expect(error.line == 11 && error.column == 9)
        #expect(error.message == "unknown path: data.tennants is not in the file (did you mean 'tenants'?)")
    }

    @Test func unknownPhaseNamesTheKnownOnes() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {phases.bursts.arrival.poisson.rate: [10]}")))
        #expect(error.line == 11 && error.column == 9)
        #expect(error.message.contains("phases has no element named 'bursts'; its elements: p"))
    }

    @Test func pathToAMappingIsRefused() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants: [10]}")))
        #expect(error.message.contains("data.tenants is a mapping, not one field"))
    }

    @Test func emptyListIsLocated() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: []}")))
        #expect(error.line == 11 && error.column == 29)
        #expect(error.message.contains("an empty list"))
    }

    @Test func shapeMistakesAreLocated() throws {
        let notAList = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: 10}")))
        #expect(notAList.line == 11 && notAList.message.contains("expected a list of values"))
        let nested = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: [[10]]}")))
        #expect(nested.column == 30 && nested.message.contains("a number or a word, got a list"))
        let twice = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: [10, 20, 10]}")))
        #expect(twice.column == 38 && twice.message.contains("listed twice"))
        let empty = try #require(WorkloadFixtures.error(Self.swept("sweep: {}")))
        #expect(empty.message.contains("names no field"))
        let itself = try #require(WorkloadFixtures.error(Self.swept("sweep: {name: [a, b]}")))
        #expect(itself.message.contains("'name' cannot be swept"))
    }

    @Test func followingListOfAnotherLengthIsRefused() throws {
        let error = try #require(WorkloadFixtures.error(Self.swept(
            "sweep:\n  data.tenants.count: [10, 20]\n  data.k: [5]")))
        #expect(error.line == 13 && error.column == 11)
        #expect(error.message.contains("1 values, but the swept field data.tenants.count has 2"))
    }

    @Test func tooManyValuesHitTheInputLimit() throws {
        let values = (1...65).map(String.init).joined(separator: ", ")
        let error = try #require(WorkloadFixtures.error(Self.swept("sweep: {data.tenants.count: [\(values)]}")))
        #expect(error.message.contains("65 values; at most 64"))
    }

    @Test func checkAppliesAcrossFieldsForEachValue() throws {
        // 20 tenants of at most 40 points cannot hold a total of 1000: the
        // zipf check runs again at each value and names the value.
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "sizes: {fixed: 100}", with: "sizes: {zipf: {total: 1000, max: 40}}")
            + "\nsweep: {data.tenants.count: [20, 30]}"
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 11 && error.column == 30)
        #expect(error.message.hasPrefix("with data.tenants.count = 20: data.tenants.sizes.zipf: total 1000 cannot be split"))
        #expect(error.message.hasSuffix("(line 6:19)"))
    }

    @Test func runSizeCountsEveryValue() throws {
        let values = (1...60).map(String.init).joined(separator: ", ")
        let variants = (1...20).map { "    v\($0): {}" }.joined(separator: "\n")
        let workload = try WorkloadFixtures.parse(Self.swept("engine:\n  variants:\n\(variants)\nsweep: {data.k: [\(values)]}"))
        #expect(throws: WorkloadError.self) { try workload.checkRunSize(repetitions: 1) }
        #expect(throws: Never.self) { try workload.sweep!.points[0].checkRunSize(repetitions: 1) }
    }
}
