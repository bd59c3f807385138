import BenchModel
import Foundation
import Testing
@testable import BenchReport

/// The HTML pages are read, not parsed: what a reader sees must be short
/// (unavailable figures as a mark and a footnote), and every chart's axes
/// must hold the data and nothing the quantity cannot be. The browser-side
/// half of these checks is `scripts/report_layout_check.py`.
@Suite("HTML pages: footnotes, honest axes, legible labels")
struct HTMLPageHonestyTests {
    /// Every `<svg class="chart…">` start tag's `data-` attributes.
    static func chartRanges(_ html: String) -> [(label: String, attributes: [String: Double])] {
        html.components(separatedBy: "<svg class=\"chart").dropFirst().map { chunk in
            let tag = String(chunk.prefix { $0 != ">" })
            var attributes: [String: Double] = [:]
            for part in tag.components(separatedBy: " data-").dropFirst() {
                let pieces = part.components(separatedBy: "=\"")
                guard pieces.count >= 2, let value = Double(pieces[1].prefix { $0 != "\"" }) else { continue }
                attributes[pieces[0]] = value
            }
            let label = tag.components(separatedBy: "aria-label=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } ?? "?"
            return (label, attributes)
        }
    }

    /// Expects each chart's axis to cover its data and to stay within the
    /// possible range (widened to the data).
    static func expectHonestAxes(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (label, a) in chartRanges(html) {
            for axis in ["x", "y"] {
                guard let low = a["\(axis)-min"], let high = a["\(axis)-max"] else { continue }
                #expect(high > low, "\(label): \(axis) axis is empty", sourceLocation: sourceLocation)
                if let dataLow = a["\(axis)-data-min"], let dataHigh = a["\(axis)-data-max"] {
                    #expect(dataLow >= low && dataHigh <= high, "\(label): \(axis) data outside the axis", sourceLocation: sourceLocation)
                    if let possible = a["\(axis)-possible-max"] {
                        #expect(high <= max(possible, dataHigh), "\(label): \(axis) axis runs to \(high), past \(possible)",
                                sourceLocation: sourceLocation)
                    }
                    if let possible = a["\(axis)-possible-min"] {
                        #expect(low >= min(possible, dataLow), "\(label): \(axis) axis starts at \(low), before \(possible)",
                                sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    @Test("an unavailable figure reads 'n/a [n]' in tables and bars; its reason is a footnote, not a cell")
    func unavailableAsFootnote() {
        let html = RunReport.html(RunFixtures.repeatedOnVirtualMachine())
        #expect(!html.contains(">unavailable — "), "no cell or bar spells the reason out")
        #expect(html.contains(">n/a [1]</span>"))
        #expect(html.contains(">unavailable [1]</text>"))
        let footnote = "[1] unavailable</span> — \(HTMLText.escape(RunFixtures.vmReason))"
        // Once under each table that has such a cell (summary, counters), never in a cell.
        #expect(html.components(separatedBy: footnote).count - 1 == 2)
        #expect(html.components(separatedBy: "<table class=\"data\"").count == html.components(separatedBy: "<div class=\"scroll\"><table").count)
    }

    @Test("recall of exactly 1 is drawn on an axis that ends at 1, and every axis holds its data")
    func recallAxisEndsAtOne() {
        var run = RunFixtures.threeConfigurations()
        for c in run.configurations.indices {
            for p in run.configurations[c].phases.indices { run.configurations[c].phases[p].recall?.mean = 1 }
        }
        let html = RunReport.html(run)
        let recall = Self.chartRanges(html).filter { $0.label.hasPrefix("recall against") }
        #expect(recall.count == 2)
        for chart in recall {
            #expect(chart.attributes["y-max"] == 1)
            #expect((chart.attributes["y-min"] ?? 1) < 1)
            #expect(chart.attributes["y-possible-max"] == 1)
        }
        Self.expectHonestAxes(html)
        Self.expectHonestAxes(RunReport.html(RunFixtures.repeatedOnVirtualMachine()))
        Self.expectHonestAxes(AnnReport.html(AnnFixtures.sweep))
    }

    @Test("a linear scale never pads past its possible range, but never hides data outside it")
    func scaleBounds() {
        let one = ChartScale(kind: .linear, values: [1, 1], start: 0, end: 100, possible: 0...1)
        #expect(one.high == 1 && one.low < 1 && one.low >= 0)
        let near = ChartScale(kind: .linear, values: [0.93, 0.999], start: 0, end: 100, possible: 0...1)
        #expect(near.high == 1 && near.low <= 0.93)
        let outside = ChartScale(kind: .linear, values: [0.5, 1.2], start: 0, end: 100, possible: 0...1)
        #expect(outside.high >= 1.2, "a malformed value still fits on the axis")
        let unbounded = ChartScale(kind: .linear, values: [1, 1], start: 0, end: 100)
        #expect(unbounded.high > 1)
    }

    @Test("a partial last second is drawn at its real length; a sliver is left out with a note")
    func partialLastBucket() {
        var run = RunFixtures.threeConfigurations()
        // steady: 10 s; make it 10.5 s with a last bucket of 0.5 s and 1,000 operations (2,000/s).
        for c in run.configurations.indices where !run.configurations[c].phases.isEmpty {
            run.configurations[c].phases[1].seconds = 10.5
            run.configurations[c].phases[1].timeline.append(
                TimelinePoint(second: 10, completed: 1_000, errors: 0, p50: 300, p99: 1_200, seconds: 0.5))
            // burst: 8 s and 0.01 s more, 2 operations in it (no `seconds`: an older document).
            run.configurations[c].phases[2].seconds = 8.01
            run.configurations[c].phases[2].timeline.append(TimelinePoint(second: 8, completed: 2, errors: 0, p50: 300, p99: 900))
        }
        let html = RunReport.html(run)
        // warm-up 4 s + second 10 of steady = 14 s since the first phase began.
        #expect(html.contains("<title>shared-process: 14, \(NumberFormatting.significant(2_000))</title>"))
        #expect(!html.contains("<title>shared-process: 14, \(NumberFormatting.significant(1_000))</title>"))
        #expect(html.contains("drawn at its real length"))
        #expect(html.contains("Left out of the timeline"))
        #expect(html.contains("shared-process / burst: the last under 0.01 s (2 operations)"))
        // The burst's sliver is drawn neither as 2/s (a full second) nor as 200/s.
        #expect(!html.contains(", 2</title>"))
        #expect(!html.contains(", \(NumberFormatting.significant(200))</title>"))

        let phase = run.configurations[0].phases[1]
        #expect(RunHTMLWriter.bucketSeconds(phase.timeline[3], in: phase) == 1)
        #expect(RunHTMLWriter.bucketSeconds(phase.timeline[10], in: phase) == 0.5)
    }

    @Test("tick labels that would touch are thinned, the last one kept")
    func tickThinning() {
        let ticks = (0...10).map { (value: Double($0), label: "\($0 * 1000) ms") }
        let kept = SVGLineChart.thinned(ticks, at: { $0 * 20 }, size: { Double($0.count) * 6.2 + 8 })
        #expect(kept.count < ticks.count && kept.count >= 2)
        #expect(kept.first?.value == 0 && kept.last?.value == 10)
        for (a, b) in zip(kept, kept.dropFirst()) { #expect((b.value - a.value) * 20 >= Double(max(a.label.count, b.label.count)) * 6.2) }
        let roomy = SVGLineChart.thinned(ticks, at: { $0 * 100 }, size: { Double($0.count) * 6.2 + 8 })
        #expect(roomy.count == ticks.count)
    }

    @Test("labels of equal points do not overlap: the second goes elsewhere or not at all")
    func pointLabels() {
        let frame = (x0: 0.0, y0: 0.0, x1: 640.0, y1: 300.0)
        guard let first = SVGLineChart.labelSpot("steady", at: (300, 150), avoiding: [], inside: frame),
              let second = SVGLineChart.labelSpot("steady", at: (300, 150), avoiding: [first.box], inside: frame) else {
            Issue.record("two labels fit around a point in the middle of a chart")
            return
        }
        let a = first.box, b = second.box
        #expect(!(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1))
        let crowded = (0..<40).reduce(into: [(x0: Double, y0: Double, x1: Double, y1: Double)]()) { placed, _ in
            if let spot = SVGLineChart.labelSpot("burst", at: (300, 150), avoiding: placed, inside: frame) { placed.append(spot.box) }
        }
        #expect(crowded.count < 40, "a crowded point gives up rather than stacking labels without end")
    }

    @Test("search p99 at the scheduler tick, far above p50, gets a note; other tails do not")
    func schedulerTick() {
        let tick = SchedulerTick(hz: nil)
        #expect(tick.assumed && tick.hz == 250 && tick.microseconds == 4_000)
        #expect(tick.explains(p50: 50, p99: 4_100))
        #expect(!tick.explains(p50: 1_000, p99: 4_100), "p99 only 4× p50: a slow search, not a tick")
        #expect(!tick.explains(p50: 50, p99: 900), "well below one tick")
        #expect(!SchedulerTick(hz: 1000).assumed)

        #expect(!RunReport.html(RunFixtures.threeConfigurations()).contains("id=\"scheduler-tick\""))
        var run = RunFixtures.threeConfigurations()
        for c in run.configurations.indices where !run.configurations[c].phases.isEmpty {
            run.configurations[c].phases[1].operations[0].latency = RunFixtures.latency(
                count: 20_000, p50: 52, p90: 90, p99: 4_050, p999: 7_900, max: 12_000)
        }
        let html = RunReport.html(run)
        #expect(html.contains("id=\"scheduler-tick\""))
        #expect(html.contains("CONFIG_HZ=250 (assumed"))
        #expect(html.contains("shared-process / steady (p99 4.05 ms)"))
    }

    @Test("a sentence in a numeric column wraps; figures stay on one line")
    func proseCellsWrap() {
        let reason = "unavailable — " + String(repeating: "no CPU PMU exposed ", count: 4)
        let html = HTMLText.table(["configuration", "phase", "dTLB"], [["a", "steady", "1.25 ms"], ["b", "steady", HTMLText.escape(reason)]])
        #expect(html.contains("<td class=\"num\">1.25 ms</td>"))
        #expect(html.contains("<td class=\"num prose\">unavailable"))
        #expect(HTMLText.visibleLength("<span class=\"na\" title=\"long long long\">n/a [1]</span>") == 7)
        #expect(HTMLPage.styleSheet.contains("td.num.prose { white-space: normal"))
    }
}
