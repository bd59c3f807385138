/// How a phase met its tenants: the figures that grow with the tenant count
/// rather than with the load.
public struct TenancySummary: Codable, Sendable, Equatable {
    /// Operations that had to open their tenant's collection first (it was
    /// closed, or evicted by the open-collection bound).
    public var coldOpens: Int
    /// Cold opens per second of the phase.
    public var coldOpenRate: Double
    /// Latency of those operations alone, from intended start, µs; nil when
    /// there were none or the engine cannot tell (an external adapter).
    public var coldOpenLatency: LatencySummary?
    /// Collections open at the end of the phase.
    public var tenantsOpen: Int?
    /// Most collections open at once during the phase.
    public var peakTenantsOpen: Int?

    public init(coldOpens: Int, coldOpenRate: Double, coldOpenLatency: LatencySummary?, tenantsOpen: Int?,
                peakTenantsOpen: Int?) {
        self.coldOpens = coldOpens
        self.coldOpenRate = coldOpenRate
        self.coldOpenLatency = coldOpenLatency
        self.tenantsOpen = tenantsOpen
        self.peakTenantsOpen = peakTenantsOpen
    }
}
