/// How tenants are placed on the workers of a pool.
public enum WorkerPlacementPolicy: String, Sendable, Codable, CaseIterable {
    /// tenant → SplitMix64(tenant) mod workers: stable, nothing to record,
    /// but only as even as the hash.
    case hash
    /// Each new tenant goes to the next worker in turn; the assignment is
    /// recorded in the placement manifest so it survives a restart.
    case roundRobin = "round-robin"
}
