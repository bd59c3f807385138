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
    /// Before the phase runs, close every tenant and open it again from
    /// disk (worker and adapter processes stopped gracefully and started on
    /// the same data): what a restarted node costs, and what it keeps.
    public var reopen: Bool

    public init(name: String, length: PhaseLength, arrival: ArrivalProcess, tenantSelection: TenantSelection,
                mix: OperationMix, warmup: Bool, reopen: Bool = false) {
        self.reopen = reopen
        self.name = name
        self.length = length
        self.arrival = arrival
        self.tenantSelection = tenantSelection
        self.mix = mix
        self.warmup = warmup
    }

    enum CodingKeys: String, CodingKey {
        case name, length, arrival, tenantSelection, mix, warmup, reopen
    }

    /// `reopen` is absent in specifications written before it existed.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        length = try container.decode(PhaseLength.self, forKey: .length)
        arrival = try container.decode(ArrivalProcess.self, forKey: .arrival)
        tenantSelection = try container.decode(TenantSelection.self, forKey: .tenantSelection)
        mix = try container.decode(OperationMix.self, forKey: .mix)
        warmup = try container.decode(Bool.self, forKey: .warmup)
        reopen = try container.decodeIfPresent(Bool.self, forKey: .reopen) ?? false
    }
}
