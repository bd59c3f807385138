import BenchReport
import Foundation
import FuzzSupport

/// Fuzz target: result documents → every reader of them: `ResultDocument`
/// decoding (BenchModel's Codable types), the report writers (text,
/// Markdown, CSV, HTML), `compare`, `check` (the document against itself)
/// and `plan` (a fixed, valid request).
///
/// Input: the JSON document. Anything but a thrown error is a finding —
/// a trap, a hang (libFuzzer's `-timeout`) or a runaway allocation
/// (`-rss_limit_mb`).
enum FuzzResults {
    static let planRequest = CapacityPlanRequest(
        tenants: 1_000, vectorsPerTenant: 10_000, dimension: 128, targetRecall: 0.9, peakQPS: 1_000,
        nodeRAMBytes: 64 * 1_073_741_824, nodeCores: 16)

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let document = try? ResultDocument.decode(Data(input), source: "fuzz.json") else { return }
        for format in RunReport.Format.allCases { _ = RunReport.render(document, as: format) }
        if let comparison = try? RunComparison([(label: "a", document: document), (label: "b", document: document)]) {
            _ = comparison.text()
            _ = comparison.markdown()
        }
        if let outcome = try? RegressionCheck.evaluate(baseline: document, current: document, baselineLabel: "a", currentLabel: "b") {
            _ = outcome.text()
            _ = outcome.markdown()
            _ = outcome.junit()
        }
        if let plan = try? CapacityPlan(request: planRequest, measurements: PlanMeasurements.from(document), source: "fuzz.json") {
            _ = plan.markdown()
            _ = plan.html()
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzResults.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzResultsReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-results", body: FuzzResults.run))
    }
}
#endif
