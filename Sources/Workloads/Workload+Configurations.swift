import BenchModel
import VectorCore

extension Workload {
    /// The engine configurations to run, in order: the base alone, named
    /// "base", when the file has no variants; otherwise every variant in
    /// file order, each being the base with its overrides applied (the base
    /// itself is not run unless a variant repeats it, e.g. `baseline: {}`).
    public func configurations() -> [(name: String, settings: EngineSettings)] {
        guard !variants.isEmpty else { return [(name: "base", settings: base)] }
        return variants.map { (name: $0.name, settings: $0.settings) }
    }

    /// The keys configuration `name` overrode, as written ([] for "base").
    public func overriddenKeys(of name: String) -> [String] {
        variants.first { $0.name == name }?.overriddenKeys ?? []
    }

    /// Refuses a run of more configurations (variants × repetitions ×
    /// swept values) than
    /// `InputLimit.configurations` allows, naming the workload file; the
    /// command that takes `--repetitions` calls it before starting anything.
    public func checkRunSize(repetitions: Int) throws(WorkloadError) {
        let limit = InputLimit.configurations
        let values = sweep?.values.count ?? 1
        let (perValue, overflow) = configurations().count.multipliedReportingOverflow(by: repetitions)
        let (total, sweepOverflow) = perValue.multipliedReportingOverflow(by: values)
        guard repetitions >= 1, !overflow, !sweepOverflow, limit.range.contains(total) else {
            let swept = sweep.map { " × \($0.values.count) values of \($0.path)" } ?? ""
            throw WorkloadError(file: source, fieldPath: "engine.variants",
                                message: "\(configurations().count) configurations × \(repetitions) repetitions\(swept) is "
                                    + "out of range: allowed \(limit.range.lowerBound)…\(limit.range.upperBound) runs (\(limit.why))")
        }
    }
}
