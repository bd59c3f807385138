import Foundation
import HardwareCounters

/// perf stat's table for a `vecbench stat` run: value, event, rate or
/// CPUs utilised, the running share when multiplexed, and a footnoted
/// reason for every counter without an exact value.
struct CounterStatTextWriter {
    var profile: CommandProfiler.Profile

    func render() -> String {
        var lines = ["", " Performance counter stats for '\(profile.command.joined(separator: " "))':", ""]
        var footnotes = CounterFormat.Footnotes()
        let seconds = Double(profile.elapsedNanos) / 1e9
        for value in profile.reading.values {
            guard let count = value.value else {
                lines.append(CounterFormat.padLeft(value.status.label, 20) + "      "
                    + CounterFormat.pad(value.name, 28) + " " + footnotes.mark(value.status.reason))
                continue
            }
            var shown = CounterFormat.grouped(count)
            var comment: String
            if value.name == "task-clock" {
                shown = CounterFormat.grouped((count / 1e4).rounded() / 100) + " msec"
                comment = seconds > 0 ? "# " + CounterFormat.grouped(((count / 1e9) / seconds * 1000).rounded() / 1000) + " CPUs utilized" : ""
            } else {
                comment = seconds > 0 ? "# " + CounterFormat.padLeft(CounterFormat.rate(count / seconds), 14) : ""
            }
            if case .scaled(let percent) = value.status {
                comment += "  (" + CounterFormat.percent(percent) + ")"
            }
            lines.append(CounterFormat.padLeft(shown, 20) + "      " + CounterFormat.pad(value.name, 28) + " " + comment)
        }
        lines.append("")
        lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: profile.elapsedNanos), 20) + " seconds time elapsed")
        lines.append("")
        switch profile.usage {
        case .available(let usage):
            lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: usage.userMicros * 1000), 20) + " seconds user")
            lines.append(CounterFormat.padLeft(CounterFormat.seconds(nanos: usage.systemMicros * 1000), 20) + " seconds sys")
        case .unavailable(let reason):
            lines.append("  user/sys time unavailable: \(reason)")
        }
        if case .signaled(let signal) = profile.termination {
            lines.append("")
            lines.append("  command killed by signal \(signal)")
        }
        if !footnotes.reasons.isEmpty {
            lines.append("")
            lines.append(footnotes.render())
        }
        for note in profile.notes { lines.append("  note: \(note)") }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
