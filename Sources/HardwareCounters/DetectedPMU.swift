import CLibPfm
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A PMU libpfm4 found present on this machine.
public struct DetectedPMU: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case core, uncore, osGeneric, unknown

        init(libpfmType: Int32) {
            switch libpfmType {
            case vb_pfm_pmu_type_core(): self = .core
            case vb_pfm_pmu_type_uncore(): self = .uncore
            case vb_pfm_pmu_type_os_generic(): self = .osGeneric
            default: self = .unknown
            }
        }
    }

    public var name: String
    public var description: String
    public var kind: Kind
    public var eventCount: Int
    public var genericCounters: Int
    public var fixedCounters: Int
}
