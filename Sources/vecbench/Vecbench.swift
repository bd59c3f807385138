import ArgumentParser

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
}
