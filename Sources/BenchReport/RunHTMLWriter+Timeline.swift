import BenchModel

extension RunHTMLWriter {
    /// A bucket shorter than this is left out of the timeline (with a
    /// note): a rate from a sliver of a second is a handful of operations
    /// divided by almost nothing.
    static let shortestTimelineBucket = 0.2

    /// The length of `point`'s bucket in seconds: its own `seconds`, or in
    /// documents without it the part of the phase the bucket covers (the
    /// last second of a phase is usually partial), else 1.
    static func bucketSeconds(_ point: TimelinePoint, in phase: PhaseResult) -> Double {
        if let seconds = point.seconds, seconds.isFinite, seconds > 0 { return seconds }
        let rest = phase.seconds - Double(point.second)
        return rest > 0 && rest < 1 ? rest : 1
    }

    func timelineSection() -> String {
        var throughput: [SVGLineChart.Series] = [], p99: [SVGLineChart.Series] = [], errors: [SVGLineChart.Series] = []
        var bands: [SVGLineChart.Band] = []
        var dropped: [String] = [], partial = 0
        var end = 0.0
        for (index, name) in completedConfigurations.enumerated() {
            guard let run = RunReport.representative(result.configurations.filter { $0.label == name }) else { continue }
            var offset = 0.0
            var rates: [(x: Double, y: Double)] = [], tails: [(x: Double, y: Double)] = [], failures: [(x: Double, y: Double)] = []
            for phase in run.phases {
                if index == 0 {
                    bands.append(.init(from: offset, to: offset + phase.seconds,
                                       label: phase.warmup && !phase.name.lowercased().contains("warm") ? "\(phase.name) (warm-up)" : phase.name, shaded: phase.warmup))
                }
                for point in phase.timeline {
                    let length = Self.bucketSeconds(point, in: phase)
                    if length < Self.shortestTimelineBucket {
                        let span = length < 0.01 ? "under 0.01 s" : "\(NumberFormatting.fixed(length, 2)) s"
                        dropped.append("\(name) / \(phase.name): the last \(span) "
                            + "(\(NumberFormatting.grouped(point.completed)) operation\(point.completed == 1 ? "" : "s"))")
                        continue
                    }
                    if length < 1 { partial += 1 }
                    let x = offset + Double(point.second)
                    rates.append((x, Double(point.completed) / length))
                    if point.completed > 0, point.p99 > 0 { tails.append((x, point.p99)) }
                    if point.errors > 0 { failures.append((x, Double(point.errors) / length)) }
                }
                offset += phase.seconds
            }
            end = max(end, offset)
            throughput.append(.init(name: name, color: color(name), points: rates, markers: rates.count <= 90))
            p99.append(.init(name: name, color: color(name), points: tails, markers: tails.count <= 90))
            if !failures.isEmpty { errors.append(.init(name: "\(name) errors", color: color(name), points: failures, markersOnly: true)) }
        }
        let rateChart = SVGLineChart(title: "completed operations per second", xLabel: "seconds since the first phase began",
                                     yLabel: "operations / s", xFormat: { NumberFormatting.fixed($0, 0) },
                                     series: throughput + errors, bands: bands, xDomain: (0, end), yIncludesZero: true,
                                     yPossible: 0...Double.infinity, width: 1280, height: 300)
        let tailChart = SVGLineChart(title: "p99 latency per second (from intended start)", xLabel: "seconds since the first phase began",
                                     yLabel: "p99", yScale: logarithmicIfWide(p99), xFormat: { NumberFormatting.fixed($0, 0) },
                                     yFormat: NumberFormatting.latencyTick, series: p99, bands: bands, xDomain: (0, end),
                                     yPossible: 0...Double.infinity, width: 1280, height: 300)
        let intro = "Every second of every phase, warm-up shaded. Bursts show as steps in throughput; a configuration "
            + "that cannot keep up shows as p99 climbing while the burst lasts and draining after it."
        var notes = ""
        if partial > 0 {
            notes += "<p class=\"dim\">A phase's last second is usually partial: it is drawn at its real length "
                + "(operations ÷ the bucket's seconds), not as a full second.</p>\n"
        }
        if !dropped.isEmpty {
            let shortest = NumberFormatting.fixed(Self.shortestTimelineBucket, 1)
            notes += "<div class=\"note\"><b>Left out of the timeline</b> (buckets shorter than \(shortest) s give no "
                + "meaningful rate): " + HTMLText.escape(dropped.prefix(6).joined(separator: "; "))
                + (dropped.count > 6 ? " and \(dropped.count - 6) more" : "") + ".</div>\n"
        }
        return HTMLPage.section("timeline", "Timeline through the bursts", intro: intro,
                                legend + "<figure>" + rateChart.render() + "</figure>\n<figure>" + tailChart.render() + "</figure>\n" + notes)
    }
}
