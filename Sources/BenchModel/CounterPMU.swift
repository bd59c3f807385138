/// A PMU libpfm4 found on the machine, as the counters document records it.
public struct CounterPMU: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    /// "core", "uncore", "osGeneric" or "unknown".
    public var kind: String
    public var eventCount: Int
    public var genericCounters: Int
    public var fixedCounters: Int

    public init(name: String, description: String, kind: String, eventCount: Int, genericCounters: Int, fixedCounters: Int) {
        self.name = name
        self.description = description
        self.kind = kind
        self.eventCount = eventCount
        self.genericCounters = genericCounters
        self.fixedCounters = fixedCounters
    }
}
