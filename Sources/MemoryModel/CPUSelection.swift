/// The CPU a model runs with, and how it was chosen: a named preset, the
/// host's CPUID, or — where CPUID cannot say — a preset standing in for the
/// host, with the reason.
public struct CPUSelection: Sendable, Equatable {
    public enum Origin: String, Sendable, Equatable, Codable {
        /// A preset asked for by name.
        case preset
        /// Decoded from the host's CPUID.
        case cpuid
        /// `host` was asked for; CPUID could not give the geometry, so a preset stands in.
        case fallback
    }

    public var geometry: CPUGeometry
    public var origin: Origin
    /// Why a fallback was needed (nil unless `origin == .fallback`).
    public var reason: String?
    /// What else the decoder saw (vendor, hypervisor, simplifications made).
    public var notes: [String]

    public init(geometry: CPUGeometry, origin: Origin, reason: String? = nil, notes: [String] = []) {
        self.geometry = geometry
        self.origin = origin
        self.reason = reason
        self.notes = notes
    }

    /// A preset by name, or `host`: this machine's CPUID.
    public static func resolve(_ name: String) throws(MemoryModelError) -> CPUSelection {
        if name == "host" { return CPUIDDecoder.decode(CPUIDSnapshot.capture()) }
        return CPUSelection(geometry: try CPUGeometry.preset(named: name), origin: .preset)
    }
}
