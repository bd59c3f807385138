import BenchModel
import Testing
@testable import BenchReport

/// An external engine's own figures and the end-of-phase footprint appear
/// in every report format; fsyncs of an external engine read unavailable,
/// never 0; documents without either show no section.
@Suite struct AdapterFiguresTests {
    static func external() throws -> RunResult {
        var run = RunFixtures.threeConfigurations()
        let phase = try #require(run.configurations[1].phases.firstIndex { !$0.warmup })
        run.configurations[1].phases[phase].engine?.adapterStatistics = [
            AdapterStatistic(name: "indexed_vectors", value: 1_234), AdapterStatistic(name: "segments", value: 2), AdapterStatistic(name: "store_bytes", value: 3 * 1_048_576, unit: "bytes"),
        ]
        run.configurations[1].phases[phase].engine?.incomplete = "external engine qdrant-edge 0.9.0: no vecbench engine statistics"
        run.configurations[1].phases[phase].os.openFiles = Reading(value: 812)
        run.configurations[1].phases[phase].os.memoryMaps = Reading(value: 3_301)
        run.configurations[1].phases[phase].os.diskAllocatedBytes = Reading(unavailable: "lstat failed")
        return run
    }

    @Test func figuresAndFootprintInEveryFormat() throws {
        let run = try Self.external()
        let name = run.configurations[1].name
        let text = RunReport.text(run), markdown = RunReport.markdown(run), html = RunReport.html(run)
        for output in [text, markdown, html] {
            #expect(output.contains("indexed_vectors") && output.contains("1,234") && output.contains("3 MiB"))
            #expect(output.contains("812") && output.contains("3,301"))
            #expect(output.contains("qdrant-edge 0.9.0: no vecbench engine statistics"))
            // The external engine's line is not reported as undercounting WAL figures.
            #expect(!output.contains("\(name): engine figures incomplete") && !output.contains("engine figures of \(name) are incomplete"))
        }
        #expect(markdown.contains("## Engine's own figures") && markdown.contains("## Footprint"))
        #expect(html.contains("id=\"engine-figures\""))
        #expect(text.contains("n/a"), "an unreadable level reads n/a")
        #expect(markdown.contains("| 1,234 | 2 | 3.00 MiB |"), "a count reads as a count, bytes in binary units")
    }

    @Test func fsyncsOfAnExternalEngineAreUnavailable() throws {
        let run = try Self.external()
        let phase = try #require(run.configurations[1].phases.first { !$0.warmup })
        let fsyncs = try #require(MetricCatalog.values(of: phase).first { $0.0.id == MetricCatalog.fsyncRate.id }?.1)
        #expect(fsyncs.number == nil && fsyncs.unavailableReason?.contains("external engine") == true)
    }

    @Test func noSectionWithoutFigures() {
        let run = RunFixtures.threeConfigurations()
        #expect(AdapterFigures(run: run).isEmpty)
        #expect(!RunReport.markdown(run).contains("Engine's own figures"))
    }
}
