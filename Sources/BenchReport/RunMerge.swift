import BenchModel

/// Several run documents of one workload as one, their configurations'
/// repetitions side by side: how `calibrate` and `ab` turn separate runs
/// (separate processes, separate times) into the repetitions `check`
/// takes medians and bootstrap intervals over.
public enum RunMerge {
    /// The first document's context and workload, every document's
    /// configurations, repetitions renumbered 1… per configuration label
    /// (name and sweep value, the key `check` matches records by) in the
    /// order given. Nil for no documents.
    public static func merge(_ runs: [RunResult], runID: String? = nil) -> RunResult? {
        guard var merged = runs.first else { return nil }
        merged.configurations = []
        // Pairing belongs to the two documents of one `ab`; a merge of
        // several documents pairs with nothing until `ab` says so again.
        merged.interleaving = nil
        var counts: [String: Int] = [:]
        for run in runs {
            for var configuration in run.configurations {
                counts[configuration.label, default: 0] += 1
                configuration.repetition = counts[configuration.label]!
                merged.configurations.append(configuration)
            }
        }
        if let runID { merged.runID = runID }
        return merged
    }
}
