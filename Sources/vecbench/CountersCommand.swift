import ArgumentParser
import BenchModel
import BenchReport
import BenchRunner
import HardwareCounters

/// `vecbench counters`: what each event is on this machine — its encoding
/// and whether it counts, and if not, why — after a self-test proving the
/// counters that can count do count.
struct CountersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counters",
        abstract: "Show each counter's encoding and status on this machine, after a self-test.",
        discussion: """
            Events are perf / libpfm4 names: generic (cycles, dTLB-load-misses, …), software \
            (page-faults, context-switches, …) or native PMU events (DTLB_LOAD_MISSES:WALK_COMPLETED). \
            The self-test touches fresh pages and sleeps, and fails (exit 1) unless page faults and \
            context switches count at least that work. Default: the generic hardware events plus the \
            software ones.
            """)

    @Option(name: .long, help: "Comma-separated event names (default: generic hardware + software events).")
    var events: String?

    @Flag(name: .long, help: "Print JSON: one object per event with name, status, reason, value.")
    var json = false

    @Option(name: .long, help: "Fresh pages the self-test touches.")
    var pages = 512

    @Option(name: .long, help: "Sleeps the self-test performs.")
    var sleeps = 20

    func validate() throws {
        guard pages > 0, sleeps > 1 else { throw ValidationError("--pages must be > 0 and --sleeps > 1") }
        try CounterEventNames.validate(requestedEvents)
    }

    var requestedEvents: [String] {
        events.map(EventCatalog.parseList) ?? EventCatalog.defaultEvents
    }

    func run() throws {
        let environment = PerfEventEnvironment.current()
        let report = try CounterSelfTest(pages: pages, sleeps: sleeps).run(
            events: requestedEvents, environment: environment)
        let pmus = (try? EventEncoder.detectedPMUs()) ?? []
        let document = CountersDocument(report: report, environment: environment, pmus: pmus)
        if json {
            print(String(decoding: try ResultDocumentEncoder.encode(document), as: UTF8.self))
        } else {
            print(CountersTextWriter.render(document))
        }
        if !report.passed { throw ExitCode.failure }
    }
}
