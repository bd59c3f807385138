import ArgumentParser
import Foundation
import VectorEngine

struct AdapterCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapter-check",
        abstract: "Check that an external engine's adapter speaks the worker protocol (the conformance suite).",
        discussion: """
            Starts the command as the runner starts a worker (appending --socket, --data, \
            --parent-pid; see workloads/ADAPTERS.md), then checks hello, create, upsert, search \
            results and ordering, delete, overwrite, tenant-filtered search, waitForSeals, \
            statistics, drop, malformed requests (a protocol error, the connection closed, the \
            worker still serving) and shutdown (exit 0). Statistics vecbench's own engine reports \
            may be answered "unavailable"; anything else that does not work fails the check. \
            Exits 0 when every check passes, 1 otherwise. Without --command it checks \
            `vecbench serve` itself.
            """)

    @Option(parsing: .upToNextOption, help: "The adapter: program and arguments (e.g. --command .venv/bin/python scripts/qdrant_edge_adapter.py).")
    var command: [String] = []
    @Option(help: "Directory for the worker's socket and data (short: socket paths have at most 107 bytes); removed afterwards unless --keep.")
    var root: String?
    @Flag(help: "Keep the root directory (the adapter's data and stderr).") var keep = false
    @Option(help: "Seconds to wait for the adapter to start and for each request.") var timeout: Double = 60

    func run() throws {
        let program = command.isEmpty
            ? [try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), "serve"] : command
        let directory = root ?? "/tmp/vb-check-\(getpid())"
        let outcomes = WorkerConformance(command: program, root: directory, timeoutSeconds: timeout).run()
        for outcome in outcomes { print(outcome) }
        let failed = outcomes.filter { $0.status == .failed }.count
        let unavailable = outcomes.filter { $0.status == .unavailable }.count
        print("\(outcomes.count - failed - unavailable) passed, \(unavailable) unavailable, \(failed) failed — \(program.joined(separator: " "))")
        if !keep { try? FileManager.default.removeItem(atPath: directory) } else { print("kept \(directory)") }
        if failed > 0 { throw ExitCode(1) }
    }
}
