import BenchModel

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
}
