import Foundation
import Testing
import VectorCore
@testable import Workloads

/// Hostile workloads: sizes past the documented `InputLimit`s and YAML that
/// expands or nests without bound are refused, located, before anything is
/// built from them.
@Suite struct WorkloadBoundsTests {
    typealias F = WorkloadFixtures

    /// Each level aliases the one before ten times; the last is a mapping key.
    static func aliasChain(levels: Int) -> String {
        let names = (0..<levels).map { "l\($0)" }
        var lines = ["l0: &l0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            lines.append("\(names[level]): &\(names[level]) [" + Array(repeating: "*\(names[level - 1])", count: 10)
                .joined(separator: ", ") + "]")
        }
        lines.append("*\(names[levels - 1]) : 1")
        return lines.joined(separator: "\n")
    }

    @Test func aliasChainUsedAsAKeyIsRefusedWhereItOutgrowsTheBudget() throws {
        let error = try #require(F.error(Self.aliasChain(levels: 6)))
        // l5 (line 6) is the first level past 200,000 expanded nodes.
        #expect(error.file == "test.yaml" && error.line == 6)
        #expect(error.message.contains("*l4 takes the document past 200000 nodes once aliases are expanded"))
    }

    @Test func deepNestingIsRefused() throws {
        let yaml = "seed: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let error = try #require(F.error(yaml))
        #expect(error.line == 1 && error.message == "lists and mappings nest more than 64 deep")
    }

    @Test func oversizedDocumentIsRefused() throws {
        let yaml = F.minimal + "\n#" + String(repeating: "x", count: 1 << 20)
        let error = try #require(F.error(yaml))
        #expect(error.line == nil && error.message.contains("a workload file may hold at most 1048576"))
    }

    @Test func ordinaryAliasesStillWork() throws {
        let yaml = F.minimal.replacingOccurrences(of: "arrival: {poisson: {rate: 1000}}", with: "arrival: &a {poisson: {rate: 1000}}")
            + "\n  - name: q\n    duration: 5s\n    arrival: *a"
        let workload = try F.parse(yaml)
        #expect(workload.phases.count == 2 && workload.phases[1].arrival == .poisson(rate: 1000))
    }

    @Test func phaseDurationPastSevenDaysIsRefusedAtTheKey() throws {
        let yaml = F.minimal.replacingOccurrences(of: "duration: 10s", with: "duration: 100000000000h")
        let error = try #require(F.error(yaml))
        #expect(error.line == 9 && error.column == 15)
        #expect(error.fieldPath == "phases[0].duration")
        #expect(error.message.contains("must be at most 604800s, 7 days"))
    }

    @Test func stepsLongerThanSevenDaysInAllAreRefused() throws {
        let yaml = F.minimal.replacingOccurrences(of: "    duration: 10s\n", with: "")
            .replacingOccurrences(of: "arrival: {poisson: {rate: 1000}}",
                                  with: "arrival: {steps: [{rate: 10, seconds: 500000}, {rate: 10, seconds: 500000}]}")
        let error = try #require(F.error(yaml))
        #expect(error.fieldPath == "phases[0].arrival.steps")
        #expect(error.message.contains("a phase may last at most 604800s"))
    }

    static func variants(_ count: Int) -> String {
        F.minimal + "\nengine:\n  variants:\n" + (0..<count).map { "    v\($0): {m: 8}" }.joined(separator: "\n")
    }

    @Test func moreVariantsThanConfigurationsAreRefusedBeforeReadingThem() throws {
        let error = try #require(F.error(Self.variants(1_001)))
        #expect(error.fieldPath == "engine.variants" && error.line == 13)
        #expect(error.message.hasPrefix("1001 variants; at most 1000"))
        #expect(try F.parse(Self.variants(3)).variants.count == 3)
    }

    @Test func variantsTimesRepetitionsAreBounded() throws {
        let workload = try F.parse(Self.variants(10))
        try workload.checkRunSize(repetitions: 100)
        #expect(throws: WorkloadError.self) { try workload.checkRunSize(repetitions: 101) }
        #expect(throws: WorkloadError.self) { try workload.checkRunSize(repetitions: Int.max) }
        #expect(throws: WorkloadError.self) { try workload.checkRunSize(repetitions: 0) }
    }

    @Test func sizesPastTheirLimitsNameTheLimit() throws {
        let cases: [(from: String, to: String, path: String, message: String)] = [
            ("count: 10", "count: 2000000", "data.tenants.count", "must be in 1…1000000 (tenant tables are sized by it)"),
            ("count: 10\n    sizes: {fixed: 100}", "count: 1000\n    sizes: {fixed: 10000000}", "data.tenants.sizes",
             "1000 tenants × 10000000 tenant points per tenant is more than 1000000000 points"),
            ("sizes: {fixed: 100}", "sizes: {zipf: {total: 2000000000}}", "data.tenants.sizes.zipf.total", "must be in 1…1000000000"),
            ("dimension: 8", "dimension: 70000", "data.dimension", "must be in 1…65536"),
            ("count: 10\n    sizes: {fixed: 100}", "count: 10000\n    sizes: {fixed: 100}\n  queries_per_tenant: 1000000",
             "data.queries_per_tenant", "10000 tenants × 1000000 queries per tenant"),
            ("rate: 1000", "rate: 1e12", "phases[0].arrival.poisson.rate", "must be ≤ 100000000"),
            ("arrival: {poisson: {rate: 1000}}", "arrival: {closed: {clients: 5000}}", "phases[0].arrival.closed.clients",
             "must be in 1…1024 (threads are started per run)"),
        ]
        for (from, to, path, message) in cases {
            let yaml = F.minimal.replacingOccurrences(of: from, with: to)
            let error = try #require(F.error(yaml), "\(to)")
            #expect(error.fieldPath == path, "\(to): \(error)")
            #expect(error.message.contains(message), "\(to): \(error)")
            #expect(error.line != nil, "\(to): \(error)")
        }
        let mix = F.minimal + "\n    mix: {search: 1, ef: 70000, k: 10}"
        let error = try #require(F.error(mix))
        #expect(error.fieldPath == "phases[0].mix.ef" && error.message.contains("must be in 1…65536"))
    }
}

@Suite("Workload paths")
struct WorkloadPathTests {
    @Test("a directory given as a workload is a clear error, not a Foundation error code")
    func directory() {
        do {
            _ = try WorkloadFile.load(path: NSTemporaryDirectory())
            Issue.record("a directory loaded as a workload")
        } catch {
            #expect("\(error)".contains("is a directory, not a workload file"), "\(error)")
            #expect(!"\(error)".contains("NSCocoaErrorDomain"))
        }
    }
}
