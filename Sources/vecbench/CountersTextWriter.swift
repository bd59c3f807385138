import HardwareCounters

/// The console table of `vecbench counters`.
struct CountersTextWriter {
    var report: CounterSelfTest.Report
    var environment: PerfEventEnvironment
    var pmus: [DetectedPMU]

    func render() -> String {
        var lines: [String] = []
        let paranoid = environment.paranoid.map(String.init) ?? "unreadable"
        let privilege = environment.isPrivileged ? "privileged (CAP_PERFMON or CAP_SYS_ADMIN)" : "unprivileged"
        lines.append("libpfm4 (API \(EventEncoder.apiVersion)), kernel \(environment.kernelRelease), "
            + "perf_event_paranoid \(paranoid), \(privilege)")
        lines.append("PMU: \(environment.pmuSummary)")
        lines.append("libpfm4 PMUs detected: \(pmus.map(\.name).joined(separator: ", "))")
        lines.append("")
        lines.append("Self-test (\(report.pagesTouched) fresh pages, \(report.sleeps) sleeps, pointer chase):")
        for check in report.checks {
            let observed = check.observed.map(CounterFormat.grouped) ?? check.status.label
            lines.append("  \(check.passed ? "ok  " : "FAIL") \(CounterFormat.pad(check.event, 18)) "
                + "\(CounterFormat.pad(check.expectation, 46)) observed \(observed)")
        }
        lines.append("")

        var footnotes = CounterFormat.Footnotes()
        lines.append("  " + CounterFormat.pad("EVENT", 24) + CounterFormat.pad("TYPE", 10) + CounterFormat.pad("CONFIG", 10)
            + CounterFormat.pad("PRIV", 5) + CounterFormat.pad("GROUP", 6) + CounterFormat.pad("STATUS", 26)
            + CounterFormat.padLeft("VALUE", 14))
        for value in report.reading.values {
            let type = value.encoding.map { CounterEventEntry.typeName($0.type) } ?? "-"
            let config = value.encoding.map { CounterEventEntry.hex($0.config) } ?? "-"
            let privilege = value.encoding?.privilegeLevels ?? "-"
            let group = value.group.map(String.init) ?? "-"
            let shown = value.value.map(CounterFormat.grouped) ?? "-"
            let mark = value.status == .counted ? "" : " " + footnotes.mark(value.status.reason)
            lines.append("  " + CounterFormat.pad(value.name, 24) + CounterFormat.pad(type, 10)
                + CounterFormat.pad(config, 10) + CounterFormat.pad(privilege, 5) + CounterFormat.pad(group, 6)
                + CounterFormat.pad(value.status.label, 26) + CounterFormat.padLeft(shown, 14) + mark)
        }
        if !footnotes.reasons.isEmpty {
            lines.append("")
            lines.append(footnotes.render())
        }
        for note in report.notes { lines.append("  note: \(note)") }
        lines.append("")
        lines.append("libpfm4 encodings:")
        for value in report.reading.values {
            lines.append("  " + CounterFormat.pad(value.name, 24) + (value.encoding?.libpfmString ?? "-"))
        }
        lines.append("")
        lines.append(report.passed ? "self-test passed" : "self-test FAILED: the counters above cannot be trusted")
        return lines.joined(separator: "\n")
    }
}
