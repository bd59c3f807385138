import BenchModel
import Foundation
import Testing
@testable import BenchReport

/// Issue #11: result documents are input. A document whose every number is
/// as large (or as negative) as JSON and its field's type allow must give a
/// report, a comparison, a verdict and a plan, or a located error — never a
/// trap, never a loop.
@Suite("hostile result documents")
struct HostileDocumentTests {
    /// Keys of integer fields in the result model (a number under any other
    /// key is floating point).
    static let integerKeys: Set<String> = [
        "count", "errors", "points", "k", "samples", "second", "completed", "repetition", "fsyncs", "walBytes", "seals",
        "sealedSegments", "mappedBytes", "residentBytes", "hugePageBytes", "openCollections", "cores", "tenants", "dimension",
        "initialPoints", "queries", "segmentSearches", "m", "ef_construction", "ef", "upsert_batch", "indexing_threshold",
        "wal_segment_mib", "max_open_collections", "seal_concurrency", "workers", "repeat", "indexBytes", "maxLevel",
        "mappedResidentBytes", "mappedHugePageBytes", "peakRSSBytes", "threads", "m0", "efConstruction", "queryCount",
    ]

    /// `document` with every number replaced by `huge` where the field is
    /// floating point, by `hugeInteger` where it is an integer, and the
    /// unsigned seed by the largest it holds (or 0).
    static func hostile<T: Codable>(_ document: T, huge: Double, hugeInteger: Int) throws -> Data {
        func replace(_ node: Any, key: String?) -> Any {
            switch node {
            case let object as [String: Any]:
                return Dictionary(uniqueKeysWithValues: object.map { ($0.key, replace($0.value, key: $0.key)) })
            case let array as [Any]: return array.map { replace($0, key: key) }
            case is String: return node
            case let number as NSNumber where String(cString: number.objCType) != "c":
                if key == "seed" { return NSNumber(value: UInt64(max(hugeInteger, 0))) }
                return integerKeys.contains(key ?? "") ? NSNumber(value: hugeInteger) : NSNumber(value: huge)
            default: return node
            }
        }
        let tree = replace(try JSONSerialization.jsonObject(with: JSONEncoder().encode(document)), key: nil)
        let data = try JSONSerialization.data(withJSONObject: tree)
        _ = try JSONDecoder().decode(T.self, from: data)
        return data
    }

    static let extremes: [(Double, Int)] = [(1e308, Int.max), (-1e308, Int.min)]

    static func runs() throws -> [ResultDocument] {
        try extremes.flatMap { huge, integer in
            try [RunFixtures.threeConfigurations(), RunFixtures.repeatedOnVirtualMachine(), withoutPerOperation()].map {
                try ResultDocument.decode(hostile($0, huge: huge, hugeInteger: integer), source: "hostile.json")
            }
        }
    }

    /// Counters that carry only their value, so reports divide by the
    /// phase's operations themselves (a sum of hostile counts).
    static func withoutPerOperation() -> RunResult {
        var run = RunFixtures.threeConfigurations()
        for c in run.configurations.indices {
            for p in run.configurations[c].phases.indices {
                for k in run.configurations[c].phases[p].counters.indices { run.configurations[c].phases[p].counters[k].perOperation = nil }
            }
        }
        return run
    }

    static func anns() throws -> [ResultDocument] {
        try extremes.map { huge, integer in
            try ResultDocument.decode(hostile(AnnFixtures.sweep, huge: huge, hugeInteger: integer), source: "hostile-ann.json")
        }
    }

    @Test("report writes every format of a document with Int64.max and ±1e308 everywhere")
    func report() throws {
        for document in try Self.runs() + Self.anns() {
            for format in RunReport.Format.allCases {
                let text = RunReport.render(document, as: format)
                #expect(!text.isEmpty)
            }
        }
    }

    @Test("compare and check take hostile documents on either side")
    func compareAndCheck() throws {
        let normal = ResultDocument.run(RunFixtures.threeConfigurations())
        for document in try Self.runs() {
            for pair in [(normal, document), (document, normal), (document, document)] {
                let comparison = try RunComparison([("a", pair.0), ("b", pair.1)])
                _ = comparison.text()
                _ = comparison.markdown()
                let outcome = try RegressionCheck.evaluate(baseline: pair.0, current: pair.1)
                _ = outcome.text()
                _ = outcome.markdown()
                _ = outcome.junit()
            }
        }
        let ann = ResultDocument.ann(AnnFixtures.sweep)
        for document in try Self.anns() {
            _ = try RegressionCheck.evaluate(baseline: ann, current: document).text()
            _ = try RunComparison([("a", ann), ("b", document)]).markdown()
        }
    }

    @Test("plan from a hostile document gives figures or notes, not a trap")
    func plan() throws {
        for document in try Self.runs() + Self.anns() {
            let measurements = PlanMeasurements.from(document)
            guard !measurements.isEmpty else { continue }
            let plan = try CapacityPlan(request: CapacityPlanTests.request, measurements: measurements, source: "hostile.json")
            _ = plan.markdown()
            _ = plan.html()
        }
    }

    @Test("chart ticks are bounded for any span, including spans a step cannot cross")
    func ticks() {
        let spans: [[Double]] = [
            [0, 1e308], [-1e308, 1e308], [1e17, 1e17 + 16], [9.2e18, 9.2e18], [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude],
            [1e-320, 1e308], [0, .infinity], [.nan, 1],
        ]
        for values in spans {
            for kind in [ChartScale.Kind.linear, .logarithmic, .nines] {
                let scale = ChartScale(kind: kind, values: values, start: 0, end: 100)
                let ticks = scale.ticks { NumberFormatting.significant($0) }
                #expect(ticks.count <= ChartScale.maximumTicks, "\(kind) over \(values): \(ticks.count) ticks")
            }
            let fixed = ChartScale(linearFrom: values[0], to: values[1], start: 0, end: 100)
            #expect(fixed.ticks { NumberFormatting.significant($0) }.count <= ChartScale.maximumTicks)
        }
    }

    @Test("plan flags out of range are errors naming the flag, not traps")
    func planFlags() {
        var request = CapacityPlanTests.request
        request.nodeRAMBytes = 0.0000001
        #expect(throws: ReportError.invalidPlanInput(option: "--node-ram", detail: "must be in 1 MiB…1 PiB, got 1e-07 bytes")) { try request.validate() }
        request = CapacityPlanTests.request
        request.peakQPS = 1e300
        #expect(throws: ReportError.invalidPlanInput(option: "--peak-qps", detail: "must be in (0, 10^9], got 1e+300")) { try request.validate() }
        request = CapacityPlanTests.request
        request.tenants = Int.max
        #expect(throws: ReportError.invalidPlanInput(option: "--tenants", detail: "must be in 1…1,000,000, got \(Int.max)")) {
            try request.validate()
        }
        request = CapacityPlanTests.request
        request.writesPerSecond = .nan
        #expect(throws: ReportError.self) { try request.validate() }
        request = CapacityPlanTests.request
        request.distanceShare = 2
        #expect(throws: ReportError.invalidPlanInput(option: "--distance-share", detail: "must be in [0, 1], got 2.0")) { try request.validate() }
        // The extreme values a request accepts still give a plan.
        let largest = CapacityPlanRequest(
            tenants: 1_000_000, vectorsPerTenant: 1_000_000_000, dimension: 65_536, targetRecall: 1e-9, peakQPS: 1e9,
            nodeRAMBytes: 1_048_576, nodeCores: 1, ramUsable: 1e-9, cpuUtilization: 1e-9,
            deviceFsync: DeviceFsyncRate(perSecond: 1e-300, source: "flag"), writesPerSecond: 1e9, dTLBEntries: 1)
        let run = RunFixtures.threeConfigurations()
        if let plan = try? CapacityPlan(request: largest, measurements: PlanMeasurements.from(.run(run)), source: "three.json") {
            _ = plan.markdown()
            _ = plan.html()
        }
    }
}
