/// A torn tail: the end of the open segment after its last complete batch
/// that did not form valid records (a write cut short by a crash, or garbage
/// in the preallocated space), with no valid record after it. It is zeroed
/// and fdatasynced before the log accepts appends; appends start at `offset`.
public struct WALTornTail: Sendable, Hashable, Codable {
    /// Byte offset where the log now ends.
    public var offset: Int
    /// Byte offset of the first invalid record (after `offset` when a batch
    /// was cut short: its complete records lie in between).
    public var damageOffset: Int
    /// Non-zero bytes from `offset` on that were zeroed.
    public var bytesZeroed: Int
    /// Valid records of a batch whose last record never made it, discarded
    /// so that half a batch is never replayed.
    public var discardedRecords: Int
    /// Why the bytes at `damageOffset` are not a record.
    public var reason: String
}
