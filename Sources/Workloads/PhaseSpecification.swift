import BenchModel
import VectorCore

/// One phase of traffic.
public struct PhaseSpecification: Sendable, Equatable, Codable {
    public var name: String
    public var length: PhaseLength
    public var arrival: ArrivalProcess
    public var tenantSelection: TenantSelection
    public var mix: OperationMix
    /// Run but not reported as a measurement (its numbers are kept apart).
    public var warmup: Bool

    public init(name: String, length: PhaseLength, arrival: ArrivalProcess, tenantSelection: TenantSelection,
                mix: OperationMix, warmup: Bool) {
        self.name = name
        self.length = length
        self.arrival = arrival
        self.tenantSelection = tenantSelection
        self.mix = mix
        self.warmup = warmup
    }
}
