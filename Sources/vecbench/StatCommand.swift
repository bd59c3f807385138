import ArgumentParser
import BenchModel
import BenchReport
import BenchRunner
import HardwareCounters

/// `vecbench stat -- COMMAND ARGS…`: runs any command with vecbench's
/// counters attached and prints counts, rates, scaling and statuses the way
/// perf stat does. Exits with the command's status.
struct StatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat",
        abstract: "Run a command with the counters attached and print counts, rates, scaling and statuses.",
        discussion: """
            The counters follow the command and every process or thread it starts, from its exec on; \
            vecbench itself is not counted. Counters this machine cannot count are listed with the reason.
            """)

    @Option(name: .long, help: "Comma-separated event names (default: generic hardware + software events).")
    var events: String?

    @Flag(name: .long, help: "Print JSON instead of the table.")
    var json = false

    @Argument(parsing: .postTerminator, help: "The command to run, after --.")
    var command: [String] = []

    var requestedEvents: [String] {
        events.map(EventCatalog.parseList) ?? EventCatalog.defaultEvents
    }

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the command to run after --") }
        try CounterEventNames.validate(requestedEvents)
    }

    func run() throws {
        let profile: CommandProfiler.Profile
        do {
            profile = try CommandProfiler(events: requestedEvents).run(command)
        } catch {
            // A command that cannot be started is the user's error, told plainly.
            var standardError = StandardError()
            print("vecbench stat: \(error)", to: &standardError)
            throw ExitCode(127)
        }
        let document = CounterStatDocument(profile)
        if json {
            print(String(decoding: try ResultDocumentEncoder.encode(document), as: UTF8.self))
        } else {
            // perf stat writes its table to stderr so the command's own
            // output on stdout stays clean for pipes.
            var standardError = StandardError()
            print(CounterStatTextWriter.render(document), to: &standardError)
        }
        if profile.termination.shellStatus != 0 { throw ExitCode(profile.termination.shellStatus) }
    }
}
