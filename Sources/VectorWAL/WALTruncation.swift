/// What `WriteAheadLog.truncate(upTo:)` removed.
public struct WALTruncation: Sendable, Hashable, Codable {
    public var segmentsRemoved: Int
    public var bytesRemoved: Int
    /// The oldest LSN left in the log.
    public var oldestLSN: UInt64
}
