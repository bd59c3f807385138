import BenchModel

/// The console table of `vecbench counters`, from its document.
public enum CountersTextWriter {
    public static func render(_ document: CountersDocument) -> String {
        var lines: [String] = []
        let environment = document.environment
        let paranoid = environment.paranoid.map(String.init) ?? "unreadable"
        let privilege = environment.isPrivileged ? "privileged (CAP_PERFMON or CAP_SYS_ADMIN)" : "unprivileged"
        lines.append("libpfm4 (API \(document.libpfmAPIVersion)), kernel \(environment.kernelRelease), "
            + "perf_event_paranoid \(paranoid), \(privilege)")
        lines.append("PMU: \(document.pmuSummary)")
        lines.append("libpfm4 PMUs detected: \(document.libpfmPMUs.map(\.name).joined(separator: ", "))")
        lines.append("")
        let work = [document.pagesTouched.map { "\($0) fresh pages" }, document.sleeps.map { "\($0) sleeps" }]
            .compactMap { $0 } + ["pointer chase"]
        lines.append("Self-test (\(work.joined(separator: ", "))):")
        for check in document.selfTest {
            let observed = check.observed.map(CounterFormat.grouped) ?? check.label ?? check.status.rawValue
            lines.append("  \(check.passed ? "ok  " : "FAIL") \(CounterFormat.pad(check.event, 18)) "
                + "\(CounterFormat.pad(check.expectation, 46)) observed \(observed)")
        }
        lines.append("")

        var footnotes = CounterFormat.Footnotes()
        lines.append("  " + CounterFormat.pad("EVENT", 24) + CounterFormat.pad("TYPE", 10) + CounterFormat.pad("CONFIG", 10)
            + CounterFormat.pad("PRIV", 5) + CounterFormat.pad("GROUP", 6) + CounterFormat.pad("STATUS", 26)
            + CounterFormat.padLeft("VALUE", 14))
        for event in document.events {
            let type = event.encoding?.typeName ?? "-"
            let config = event.encoding?.config ?? "-"
            let privilege = event.encoding?.privilege ?? "-"
            let group = event.group.map(String.init) ?? "-"
            let shown = event.value.map(CounterFormat.grouped) ?? "-"
            let mark = event.status == .counted ? "" : " " + footnotes.mark(event.reason)
            lines.append("  " + CounterFormat.pad(event.name, 24) + CounterFormat.pad(type, 10)
                + CounterFormat.pad(config, 10) + CounterFormat.pad(privilege, 5) + CounterFormat.pad(group, 6)
                + CounterFormat.pad(event.label ?? event.status.rawValue, 26) + CounterFormat.padLeft(shown, 14) + mark)
        }
        if !footnotes.reasons.isEmpty {
            lines.append("")
            lines.append(footnotes.render())
        }
        for note in document.notes { lines.append("  note: \(note)") }
        lines.append("")
        lines.append("libpfm4 encodings:")
        for event in document.events {
            lines.append("  " + CounterFormat.pad(event.name, 24) + (event.encoding?.libpfm ?? "-"))
        }
        lines.append("")
        lines.append(document.selfTestPassed ? "self-test passed" : "self-test FAILED: the counters above cannot be trusted")
        return lines.joined(separator: "\n")
    }
}
