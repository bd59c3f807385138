import BenchModel
import Foundation
import Testing
@testable import BenchReport

/// A document holding a sweep: curves in every writer, records told apart
/// by their label, and `plan` fitting the curve.
@Suite struct SweepReportTests {
    @Test func curvesHaveOneLinePerConfigurationAndOnePointPerValue() throws {
        let curves = try #require(SweepCurves(SweepFixtures.document()))
        #expect(curves.path == "data.tenants.count")
        #expect(curves.configurations == ["shared-process", "workers-8"])
        let rss = try #require(curves.charts.first { $0.figure.id == "rss" && $0.phase == "burst" })
        #expect(rss.curves.map(\.configuration) == ["shared-process", "workers-8"])
        #expect(rss.curves[0].points.map(\.y) == [.value(120_000_000), .value(200_000_000), .value(500_000_000)])
        let p99 = try #require(curves.charts.first { $0.figure.id == "search.p99" && $0.phase == "steady" })
        #expect(p99.curves[0].points.map(\.y.number) == SweepFixtures.p99)
        // Without cold-open latency in the document, the chart says why.
        let cold = try #require(curves.charts.first { $0.figure.id == "cold-open.p99" && $0.phase == "burst" })
        #expect(!cold.hasValues && cold.unavailableReason == "cold-open latency not measured")
        let idle = try #require(curves.charts.first { $0.figure.id == "idle-rss-per-tenant" })
        #expect(idle.phase == nil && idle.curves[1].points.map(\.y) == Array(repeating: .value(20_000), count: 3))
        // No model in the document: no page-walk chart at all.
        #expect(!curves.charts.contains { $0.figure.id == "modelled-page-walks" })
        #expect(SweepCurves(RunFixtures.threeConfigurations()) == nil)
    }

    @Test func writersDrawTheSweep() throws {
        let document = SweepFixtures.document()
        let html = RunReport.html(document)
        #expect(html.contains("<section id=\"sweep\">"))
        #expect(html.contains("<a href=\"#sweep\">Sweep</a>"))
        #expect(html.contains("<title>workers-8 @ 20000: \(NumberFormatting.latency(microseconds: 1_300))</title>"))
        let markdown = RunReport.markdown(document)
        #expect(markdown.contains("## Sweep: `data.tenants.count`"))
        #expect(markdown.contains("### cold-open p99 — burst"))
        // Cells carry the numbered mark the other tables use, the reason once under the table.
        let sweepTables = try #require(markdown.range(of: "## Sweep:").map { String(markdown[$0.lowerBound...]) })
        #expect(!sweepTables.contains("| unavailable —"), "a sweep cell spells its reason out")
        let mark = try #require(sweepTables.firstMatch(of: /\[(\d+)\] unavailable — cold-open latency not measured/))
        #expect(sweepTables.contains("n/a [\(mark.1)]"))
        let text = RunReport.text(document)
        #expect(text.contains("Sweep of data.tenants.count"))
        // Records are named with their value everywhere a record is named alone.
        #expect(text.contains("shared-process @ 5000"))
        let csv = RunReport.csv(document)
        let lines = csv.split(separator: "\n")
        #expect(lines[0].hasPrefix("run_id,workload,configuration,repetition,sweep_path,sweep_value,status"))
        #expect(lines.dropFirst().allSatisfy { $0.contains(",data.tenants.count,") })
        #expect(lines.filter { $0.contains(",workers-8,1,data.tenants.count,20000,completed,") }.count == 5)
    }

    @Test func measurementsKeepEachValueApart() {
        let set = MeasurementSet(run: SweepFixtures.document())
        #expect(set.configurations == ["shared-process @ 1000", "workers-8 @ 1000", "shared-process @ 5000", "workers-8 @ 5000",
                                       "shared-process @ 20000", "workers-8 @ 20000"])
        #expect(set.repetitions["shared-process @ 5000"] == 1)
        let subject = MeasurementSet.Subject(configuration: "workers-8 @ 20000", phase: "burst")
        #expect(set.value(subject, MetricCatalog.rss) == .value(500_000_000))
    }

    @Test func checkMatchesRecordsByNameAndValue() throws {
        let baseline = SweepFixtures.document()
        var current = baseline
        // Only the 20,000-tenant records of workers-8 evaluate more distances.
        for index in current.configurations.indices where current.configurations[index].label == "workers-8 @ 20000" {
            for phase in current.configurations[index].phases.indices {
                current.configurations[index].phases[phase].search?.perQuery?.distanceEvaluations = 9_000
            }
        }
        let outcome = try RegressionCheck.evaluate(baseline: .run(baseline), current: .run(current))
        let moved = outcome.findings.filter { ($0.delta ?? 0) != 0 }
        #expect(!moved.isEmpty)
        #expect(Set(moved.map(\.subject.configuration)) == ["workers-8 @ 20000"])
        #expect(outcome.findings.contains { $0.subject.configuration == "shared-process @ 1000" })
    }

    @Test func linearFitIsLeastSquares() throws {
        // Through (1, 1), (2, 3), (3, 2): slope 0.5, intercept 1.
        let fit = try #require(CurveFit.linear([.init(x: 1, y: 1), .init(x: 2, y: 3), .init(x: 3, y: 2)]))
        #expect(fit == .linear(intercept: 1, slope: 0.5))
        #expect(fit.value(at: 10) == 6)
        #expect(fit.crossing(4, from: 1) == 6)
        #expect(fit.crossing(1.2, from: 1) == 1)
        #expect(CurveFit.linear([.init(x: 1, y: 5), .init(x: 2, y: 3)])!.crossing(10, from: 1) == nil)
        // One point: its cost per tenant.
        #expect(CurveFit.linear([.init(x: 1_000, y: 2_000_000)]) == .linear(intercept: 0, slope: 2_000))
    }

    @Test func piecewiseInterpolatesInsideAndContinuesTheLastSlope() throws {
        let fit = try #require(CurveFit.piecewise([.init(x: 1_000, y: 500), .init(x: 5_000, y: 700), .init(x: 20_000, y: 1_300)]))
        #expect(fit.value(at: 3_000) == 600)
        #expect(fit.value(at: 500) == 500)
        // Last slope: 600 µs over 15,000 tenants = 0.04 µs per tenant.
        #expect(abs(fit.value(at: 50_000) - 2_500) < 1e-9)
        #expect(abs(fit.crossing(2_000, from: 1)! - 37_500) < 1e-6)
        #expect(abs(fit.crossing(1_000, from: 1)! - 12_500) < 1e-6)
        // Falling at the end: held at the last value, never crossing above it.
        let falling = try #require(CurveFit.piecewise([.init(x: 1, y: 10), .init(x: 2, y: 8)]))
        #expect(falling.value(at: 100) == 8 && falling.crossing(9, from: 2) == nil)
    }

    @Test func planFindsWhereEachPlacementCrossesItsLimits() throws {
        let document = ResultDocument.run(SweepFixtures.document())
        let curves = TenantCurve.from(document)
        #expect(curves.map(\.configuration) == ["shared-process", "workers-8"])
        #expect(curves[1].processes == 8)
        #expect(curves[1].points.map(\.openFilesPerProcess) == [2_010, 10_010, 40_010])
        let plan = try CapacityPlan(request: SweepFixtures.request, measurements: PlanMeasurements.from(document),
                                    source: "sweep.json", curves: curves)
        let shared = plan.curves[0]
        let rss = try #require(shared.rows.first { $0.figure == "RSS" })
        // 100 MB + 20 kB × 50,000 = 1.1 GB; crosses 858,993,459.2 B at
        // (858,993,459.2 − 100,000,000) ÷ 20,000 = 37,949.67 tenants.
        #expect(abs(rss.atRequest - 1_100_000_000) < 1)
        #expect(abs(rss.crossing! - 37_949.67296) < 1e-3)
        // Open files 10 + 2T cross 65,536 at 32,763 tenants: they bind first.
        let files = try #require(shared.rows.first { $0.figure == "open files per process" })
        #expect(abs(files.crossing! - 32_763) < 1e-6)
        let p99 = try #require(shared.rows.first { $0.figure == "search p99" })
        #expect(abs(p99.atRequest - 2_500) < 1e-6 && abs(p99.crossing! - 37_500) < 1e-6)
        // Flat fsyncs (100/s) against no device rate: no limit, no crossing.
        #expect(shared.rows.first { $0.figure.hasPrefix("fsyncs") }?.crossing == nil)
        #expect(shared.tenantsPerNode == 32_763 && shared.bindingFigure == "open files per process")
        #expect(shared.nodes == 2)
        #expect(shared.outside.contains { $0.contains("50,000 tenants lies beyond the measured 1,000…20,000 tenants") })
        #expect(shared.outside.contains { $0.hasPrefix("RSS crosses its limit at 37,949 tenants, outside") })
        // The classic plan reads the largest value's records, at its tenants.
        #expect(plan.configurations.map(\.measurements.configuration) == ["shared-process @ 20000", "workers-8 @ 20000"])
        #expect(plan.configurations[0].measurements.measuredTenants == 20_000)
        let markdown = plan.markdown()
        #expect(markdown.contains("## Along the tenant curve"))
        #expect(markdown.contains("shared-process: one node holds 32,763 tenants before open files per process crosses its limit: 2 nodes"))
    }

    @Test func planWithoutATenantSweepHasNoCurve() throws {
        var document = SweepFixtures.document()
        document.sweep?.path = "phases.burst.arrival.poisson.rate"
        #expect(TenantCurve.from(.run(document)).isEmpty)
        #expect(TenantCurve.from(.run(RunFixtures.threeConfigurations())).isEmpty)
    }
}
