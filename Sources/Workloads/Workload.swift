import BenchModel
import VectorCore

/// A workload: seeded data for many tenants, phases of traffic run in order
/// like a runbook, and the engine configurations to compare on it. Parsed
/// from `workloads/*.yaml` (JSON accepted); see `workloads/README.md` for
/// the schema. Every random choice derives from `seed`, so the operation
/// stream is the same for every configuration.
public struct Workload: Sendable, Equatable {
    public var name: String
    /// The file it was read from (for messages and the result document).
    public var source: String
    public var seed: UInt64
    public var data: DataSpecification
    public var phases: [PhaseSpecification]
    /// The base engine configuration…
    public var base: EngineSettings
    /// …and named variants, each overriding some of its settings. A workload
    /// without variants runs the base alone, named "base".
    public var variants: [EngineVariant]
    /// The file's `description`: what the workload shows, for reports
    /// ("" when the file gives none).
    public var summary: String = ""
    /// Memory-hierarchy models the measured phases' searches are replayed
    /// into (`model:`); empty models nothing.
    public var models: [ModelSpecification] = []
    /// The file's `sweep:`, when it has one: this workload is then the
    /// first point of the sweep, and `sweep.points` holds every point
    /// (each without a sweep of its own).
    public var sweep: WorkloadSweep?

    /// The workloads a run runs, in order: every point of the sweep, each
    /// with its swept value; or this workload alone, with none.
    public var sweepPoints: [(value: SweepValue?, workload: Workload)] {
        guard let sweep else { return [(value: nil, workload: self)] }
        return zip(sweep.values, sweep.points).map { (value: $0.0, workload: $0.1) }
    }

    public init(name: String, source: String, seed: UInt64, data: DataSpecification, phases: [PhaseSpecification],
                base: EngineSettings, variants: [EngineVariant]) {
        self.name = name
        self.source = source
        self.seed = seed
        self.data = data
        self.phases = phases
        self.base = base
        self.variants = variants
    }
}
