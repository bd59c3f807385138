/// The document one `vecbench run` writes: a workload run against every
/// configuration it names, schema `vecbench.run/2`. Report writers,
/// `compare`, `check` and `plan` read nothing else.
public struct RunResult: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "vecbench.run/2"
    /// Schemas this build reads: `/1` documents decode with their settings
    /// parsed from text and without per-query search costs.
    public static let readableSchemas: Set<String> = ["vecbench.run/1", "vecbench.run/2"]

    public var schema: String = RunResult.schemaIdentifier
    public var runID: String
    public var context: RunContext
    public var workload: WorkloadSummary
    /// One entry per configuration and repetition, in run order.
    public var configurations: [ConfigurationResult]
    /// Set when the workload swept a field: then every configuration ran
    /// once per value, and each record names its value. Absent otherwise.
    public var sweep: SweepSummary?
    /// Set by `vecbench ab` on the two documents it merges: their
    /// repetitions ran in interleaved pairs. Absent otherwise.
    public var interleaving: RunInterleaving? = nil

    public init(runID: String, context: RunContext, workload: WorkloadSummary, configurations: [ConfigurationResult],
                sweep: SweepSummary? = nil) {
        self.runID = runID
        self.context = context
        self.workload = workload
        self.configurations = configurations
        self.sweep = sweep
    }
}
