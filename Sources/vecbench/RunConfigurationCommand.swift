import ArgumentParser
import BenchRunner

/// The configuration child process of `vecbench run` (hidden): runs one
/// configuration as its `ConfigurationChildSpecification` says and writes
/// the result where it says. Only this executable knows this spelling; the
/// runner gets it through `arguments(specificationPath:)`.
struct RunConfigurationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-configuration",
        abstract: "Run one configuration of a workload for a parent `vecbench run` (internal).",
        shouldDisplay: false)

    @Argument(help: "The ConfigurationChildSpecification (JSON) the parent wrote.") var specification: String

    /// How a parent starts this command.
    @Sendable
    static func arguments(specificationPath: String) -> [String] {
        [configuration.commandName!, specificationPath]
    }

    func run() throws {
        let printer = RunProgressPrinter()
        try ConfigurationChildSpecification.load(path: specification).run { printer.handle($0) }
    }
}
