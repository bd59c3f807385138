/// What an append returns: the LSNs its records were given and how durable
/// they are. A batch's records have consecutive LSNs `firstLSN...lastLSN`.
public struct WALAcknowledgement: Sendable, Hashable, Codable, CustomStringConvertible {
    public var firstLSN: UInt64
    public var lastLSN: UInt64
    public var durability: WALDurability

    public init(firstLSN: UInt64, lastLSN: UInt64, durability: WALDurability) {
        self.firstLSN = firstLSN
        self.lastLSN = lastLSN
        self.durability = durability
    }

    /// The LSN of a single-record append (the last of a batch).
    public var lsn: UInt64 { lastLSN }
    public var recordCount: Int { Int(lastLSN - firstLSN + 1) }

    public var description: String {
        firstLSN == lastLSN ? "lsn \(lastLSN) \(durability.rawValue)"
            : "lsn \(firstLSN)...\(lastLSN) \(durability.rawValue)"
    }
}
