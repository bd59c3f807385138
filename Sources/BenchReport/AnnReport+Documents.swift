import BenchModel

/// The smaller report `vecbench report` gives for an ANN result
/// (`vecbench.ann/1`): the sweep of ef as Markdown, CSV (one row per ef) and
/// an HTML page with the recall/QPS curve ann-benchmarks users expect.
extension AnnReport {
    public static func markdown(_ result: AnnResult) -> String {
        let b = result.build, d = result.dataset
        var out = "# vecbench ann — \(MeasurementSet.annConfigurationName(result))\n\n"
        out += "- Dataset: \(NumberFormatting.grouped(d.count)) × \(d.dimension) \(d.metric), \(d.queryCount) queries, k = \(result.k)\n"
        out += "- Build: \(NumberFormatting.fixed(b.seconds, 2)) s with \(b.threads) threads, max level \(b.maxLevel), "
        out += "index \(NumberFormatting.bytes(b.indexBytes)), peak RSS \(result.peakRSSBytes.map(NumberFormatting.bytes) ?? "unavailable")\n"
        if let line = vectorsLine(result) { out += "- " + line.prefix(1).uppercased() + line.dropFirst() + "\n" }
        out += "- Machine: \(RunReport.machineLine(result.context))\n\n"
        var table = ReportTable(titles: [
            ("ef", .right), ("recall@\(result.k)", .right), ("QPS", .right), ("mean", .right), ("p50", .right), ("p99", .right),
            ("max", .right), ("dist evals", .right), ("visited", .right), ("4 KiB pages", .right), ("2 MiB pages", .right),
        ])
        for run in result.runs {
            let latencies = [run.meanLatencyMicroseconds, run.p50LatencyMicroseconds, run.p99LatencyMicroseconds, run.maxLatencyMicroseconds]
                .map { NumberFormatting.latency(microseconds: $0) }
            let costs = [run.meanDistanceEvaluations, run.meanVisitedNodes, run.meanPagesTouched4K, run.meanPagesTouched2M]
                .map(NumberFormatting.significant)
            table.append(text: ["\(run.ef)", NumberFormatting.fixed(run.recall, 4), NumberFormatting.significant(run.qps)] + latencies + costs)
        }
        out += table.markdown()
        out += "\nQPS: one thread, median of \(result.repeat) timed passes.\n"
        return out
    }

    /// Columns: ef, recall, qps, qps_samples (`;`-separated), mean/p50/p99/max
    /// latency in µs, distance_evaluations, visited_nodes, pages_4k, pages_2m,
    /// vector_pages_4k, link_pages_4k, statistics_overhead.
    public static func csv(_ result: AnnResult) -> String {
        var out = "ef,recall,qps,qps_samples,latency_mean_us,latency_p50_us,latency_p99_us,latency_max_us,"
        out += "distance_evaluations,visited_nodes,pages_4k,pages_2m,vector_pages_4k,link_pages_4k,statistics_overhead\n"
        for run in result.runs {
            let fields = [
                "\(run.ef)", RunCSVWriter.number(run.recall), RunCSVWriter.number(run.qps),
                run.qpsSamples.map(RunCSVWriter.number).joined(separator: ";"),
            ] + [
                run.meanLatencyMicroseconds, run.p50LatencyMicroseconds, run.p99LatencyMicroseconds, run.maxLatencyMicroseconds,
                run.meanDistanceEvaluations, run.meanVisitedNodes, run.meanPagesTouched4K, run.meanPagesTouched2M,
                run.meanVectorPages4K, run.meanLinkPages4K, run.statisticsOverhead,
            ].map(RunCSVWriter.number)
            out += fields.map(RunCSVWriter.field).joined(separator: ",") + "\n"
        }
        return out
    }

    public static func html(_ result: AnnResult) -> String {
        let name = MeasurementSet.annConfigurationName(result)
        var page = HTMLPage(title: "vecbench ann — \(name)",
                            subtitle: HTMLText.escape("\(NumberFormatting.grouped(result.dataset.count)) × \(result.dataset.dimension) "
                                + "\(result.dataset.metric), \(result.dataset.queryCount) queries, k = \(result.k); "
                                + RunReport.machineLine(result.context)))
        let points = result.runs.map { (x: $0.recall, y: $0.qps) }
        let titles = result.runs.map { "ef \($0.ef): recall \(NumberFormatting.fixed($0.recall, 4)), \(NumberFormatting.significant($0.qps)) QPS" }
        let tradeoff = SVGLineChart(
            title: "queries per second against recall (up and to the right is better)", xLabel: "recall@\(result.k)",
            yLabel: "QPS (one thread)", yScale: .logarithmic, xFormat: { NumberFormatting.fixed($0, 3) },
            series: [.init(name: name, color: ChartPalette.color(0), points: points, pointTitles: titles)],
            xPossible: 0...1, yPossible: 0...Double.infinity)
        let pages = SVGLineChart(
            title: "distinct 4 KiB pages touched per query", xLabel: "recall@\(result.k)", yLabel: "pages",
            xFormat: { NumberFormatting.fixed($0, 3) },
            series: [.init(name: name, color: ChartPalette.color(1), points: result.runs.map { ($0.recall, $0.meanPagesTouched4K) })],
            yIncludesZero: true, xPossible: 0...1, yPossible: 0...Double.infinity)
        var rows: [[String]] = []
        for run in result.runs {
            rows.append([
                "\(run.ef)", NumberFormatting.fixed(run.recall, 4), NumberFormatting.significant(run.qps),
                HTMLText.escape(NumberFormatting.latency(microseconds: run.p50LatencyMicroseconds)),
                HTMLText.escape(NumberFormatting.latency(microseconds: run.p99LatencyMicroseconds)),
                NumberFormatting.significant(run.meanDistanceEvaluations), NumberFormatting.significant(run.meanPagesTouched4K),
            ])
        }
        page.sections = [
            HTMLPage.section("sweep", "Recall and speed per ef",
                             HTMLPage.grid([tradeoff.render(), pages.render()])
                                 + HTMLText.table(["ef", "recall", "QPS", "p50", "p99", "dist evals", "4 KiB pages"], rows, numericFrom: 0)),
        ]
        return page.render()
    }
}
