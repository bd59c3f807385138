import BenchModel

/// perf stat's table for a `vecbench stat` run, from its document: value,
/// event, rate or CPUs utilised, the running share when multiplexed, and a
/// footnoted reason for every counter without an exact value.
public enum CounterStatTextWriter {
    public static func render(_ document: CounterStatDocument) -> String {
        var lines = ["", " Performance counter stats for '\(document.command.joined(separator: " "))':", ""]
        var footnotes = CounterFormat.Footnotes()
        let seconds = Double(document.elapsedNanos) / 1e9
        for event in document.events {
            guard let count = event.value else {
                lines.append(CounterFormat.padLeft(event.label ?? event.status.rawValue, 20) + "      "
                    + CounterFormat.pad(event.name, 28) + " " + footnotes.mark(event.reason))
                continue
            }
            var shown = CounterFormat.grouped(count)
            var comment: String
            if event.name == "task-clock" {
                shown = CounterFormat.grouped((count / 1e4).rounded() / 100) + " msec"
                comment = seconds > 0 ? "# " + CounterFormat.grouped(((count / 1e9) / seconds * 1000).rounded() / 1000) + " CPUs utilized" : ""
            } else {
                comment = seconds > 0 ? "# " + CounterFormat.padLeft(CounterFormat.rate(count / seconds), 14) : ""
            }
            if event.status == .scaled, let percent = event.runningPercent {
                comment += "  (" + CounterFormat.percent(percent) + ")"
            }
            lines.append(CounterFormat.padLeft(shown, 20) + "      " + CounterFormat.pad(event.name, 28) + " " + comment)
        }
        lines.append("")
        lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: document.elapsedNanos), 20) + " seconds time elapsed")
        lines.append("")
        if let user = document.userMicros, let system = document.systemMicros {
            lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: user * 1000), 20) + " seconds user")
            lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: system * 1000), 20) + " seconds sys")
        } else {
            lines.append("  user/sys time unavailable: \(document.usageUnavailable ?? "not reported")")
        }
        if let signal = document.signal {
            lines.append("")
            lines.append("  command killed by signal \(signal)")
        }
        if !footnotes.reasons.isEmpty {
            lines.append("")
            lines.append(footnotes.render())
        }
        for note in document.notes { lines.append("  note: \(note)") }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
