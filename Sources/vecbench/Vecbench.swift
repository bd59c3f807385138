import ArgumentParser
import Foundation
import VectorCore

/// Command-line wiring only: each subcommand parses its options, calls into the
/// library targets, and hands results to a writer. No measuring or formatting
/// logic lives here beyond choosing which writer to call.
@main
struct Vecbench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vecbench",
        abstract: "Benchmark and diagnostics suite with its own vector-search engine.",
        version: "vecbench \(Vecbench.version)",
        subcommands: [
            RunCommand.self, ReportCommand.self, CompareCommand.self, CheckCommand.self, PlanCommand.self,
            AnnCommand.self, DatasetCommand.self, LoadCommand.self, VerifyCommand.self, ServeCommand.self,
            CountersCommand.self, StatCommand.self, BenchWALCommand.self, WALTortureCommand.self, WorkloadsCommand.self,
            RunConfigurationCommand.self, AdapterCheckCommand.self, CalibrateCommand.self, ABCommand.self, MetricsCommand.self,
        ]
    )

    /// The release this build is; result documents carry the git commit too.
    static let version = "0.3.0"

    /// Raises the open-file limit as far as the hard limit allows before
    /// any command runs — the runner, configuration children and `serve`
    /// workers alike keep files open per open collection — then parses and
    /// runs as ArgumentParser would.
    static func main() async {
        do { try OpenFileLimit.raiseSoftToHard() } catch {
            FileHandle.standardError.write(Data("vecbench: warning: could not raise the open-file limit: \(error)\n".utf8))
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
