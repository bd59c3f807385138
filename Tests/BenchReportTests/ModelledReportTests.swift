import BenchModel
import Foundation
import Testing
@testable import BenchReport

/// A run whose measured phases carry modelled TLB and cache figures: the
/// shared process under two models, the worker placement not modelled.
enum ModelledFixtures {
    static func figures(walks: Double, l1Misses: Double, hitRate: Double) -> ModelledMemory.Figures {
        ModelledMemory.Figures(
            operations: 4_000, accessesPerOperation: 1_200, l1dTLBMissesPerOperation: l1Misses, pageWalksPerOperation: walks,
            l1dMissesPerOperation: 410, llcMissesPerOperation: 95, l1dTLBHitRate: hitRate, stlbHitRate: 0.5, l1dHitRate: 0.66,
            llcHitRate: 0.21, addressSpaceSwitches: 0, flushes: 0, overheadSeconds: 1.25, replayAccessesPerSecond: 5e6)
    }

    static func model(_ name: String, cpu: String, spaces: Int, figures: ModelledMemory.Figures?, unavailable: String? = nil) -> ModelledMemory {
        ModelledMemory(name: name, cpu: cpu, cpuOrigin: "preset", pcid: "linux", sample: 1, cores: 2, addressSpaces: spaces,
                       pages: "mapped", unavailable: unavailable, figures: figures, method: "replayed after the phase")
    }

    static func run() -> RunResult {
        var run = RunFixtures.threeConfigurations()
        for c in run.configurations.indices {
            for p in run.configurations[c].phases.indices where !run.configurations[c].phases[p].warmup {
                if run.configurations[c].name == "shared-process" {
                    run.configurations[c].phases[p].modelled = [
                        model("skylake", cpu: "skylake-sp", spaces: 1, figures: figures(walks: 7.1, l1Misses: 12.9, hitRate: 0.985)),
                        model("skylake/p1000", cpu: "skylake-sp", spaces: 1000,
                              figures: figures(walks: 160, l1Misses: 310, hitRate: 0.74)),
                    ]
                } else {
                    let reason = "not modelled: worker placement"
                    run.configurations[c].phases[p].modelled = [
                        model("skylake", cpu: "skylake-sp", spaces: 8, figures: nil, unavailable: reason),
                        model("skylake/p1000", cpu: "skylake-sp", spaces: 1000, figures: nil, unavailable: reason),
                    ]
                }
            }
        }
        return run
    }
}

@Suite("Modelled figures in reports")
struct ModelledReportTests {
    static let run = ModelledFixtures.run()

    @Test("console, Markdown, CSV and HTML with modelled figures match their golden files", arguments: RunReport.Format.allCases)
    func golden(format: RunReport.Format) throws {
        let suffix = format == .text ? "txt" : format.rawValue
        try GoldenFile.check(RunReport.render(.run(Self.run), as: format), "modelled.\(suffix)")
    }

    @Test("each model's figures get their own ids, titled modelled; a model that could not run says why, never zero")
    func metricValues() throws {
        let shared = try #require(Self.run.configurations.first { $0.name == "shared-process" }?.phases.first { !$0.warmup })
        let values = MetricCatalog.values(of: shared)
        let walks = try #require(values.first { $0.0.id == "modelled.skylake-p1000.page-walks" })
        #expect(walks.1 == .value(160))
        #expect(walks.0.title.contains("modelled"))
        let workers = try #require(Self.run.configurations.first { $0.name == "workers-8" }?.phases.first { !$0.warmup })
        let unavailable = MetricCatalog.values(of: workers).filter { $0.0.id.hasPrefix("modelled.") }
        #expect(!unavailable.isEmpty)
        #expect(unavailable.allSatisfy { $0.1 == .unavailable("not modelled: worker placement") })
    }

    @Test("a phase with one model uses the plain ids, which thresholds files may name")
    func singleModel() throws {
        var phase = try #require(Self.run.configurations[0].phases.first { !$0.warmup })
        phase.modelled = [ModelledFixtures.model("m", cpu: "zen4", spaces: 1,
                                                 figures: ModelledFixtures.figures(walks: 3, l1Misses: 5, hitRate: 0.99))]
        let ids = MetricCatalog.values(of: phase).map(\.0.id)
        #expect(ids.contains("modelled.page-walks"))
        #expect(ids.contains("modelled.l1-dtlb-miss-rate"))
        #expect(MetricCatalog.isKnown("modelled.page-walks"))
        #expect(MetricCatalog.isKnown("modelled.skylake-p8.llc-misses"))
        #expect(!MetricCatalog.isKnown("modelled.nonsense"))
        let rate = MetricCatalog.values(of: phase).first { $0.0.id == "modelled.l1-dtlb-miss-rate" }?.1.number
        #expect(abs((rate ?? 0) - 0.01) < 1e-12)
    }

    @Test("documents without modelled figures decode, and do not gain the field when written again")
    func oldDocuments() throws {
        let phase = RunFixtures.threeConfigurations().configurations[0].phases[0]
        let data = try JSONEncoder().encode(phase)
        #expect(!String(decoding: data, as: UTF8.self).contains("modelled"))
        #expect(try JSONDecoder().decode(PhaseResult.self, from: data).modelled.isEmpty)
        let modelled = Self.run.configurations[0].phases.first { !$0.warmup }!
        let again = try JSONDecoder().decode(PhaseResult.self, from: JSONEncoder().encode(modelled))
        #expect(again == modelled)
    }
}
