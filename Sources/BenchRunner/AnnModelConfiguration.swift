import MemoryModel

/// What `vecbench ann --model CPU` asks of the memory model: the CPU (a
/// preset name or `host`), the PCID mode and the sampling of queries.
public struct AnnModelConfiguration: Sendable, Equatable {
    public var cpu: String
    /// `none`, `linux` or `ideal`.
    public var pcid: String
    /// Replay every `sample`-th query.
    public var sample: Int

    public init(cpu: String, pcid: String = "linux", sample: Int = 1) {
        self.cpu = cpu
        self.pcid = pcid
        self.sample = sample
    }

    /// The CPU and PCID mode, or an error naming the option that is wrong.
    func resolve() throws(AnnBenchmarkError) -> (selection: CPUSelection, pcid: PCIDMode) {
        guard let mode = PCIDMode(rawValue: pcid) else {
            throw .invalidOption("--pcid must be \(PCIDMode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(pcid)'")
        }
        guard sample >= 1 else { throw .invalidOption("--model-sample must be ≥ 1, got \(sample)") }
        do {
            return (try CPUSelection.resolve(cpu), mode)
        } catch {
            throw .invalidOption("--model '\(cpu)': \(error) (presets: \(CPUGeometry.presetNames.joined(separator: ", ")), host)")
        }
    }
}
