/// A record inside a buffer replay owns; valid only during the callback that
/// receives it. Copy with `record` to keep it.
public struct WALRecordView {
    public let lsn: UInt64
    public let kind: UInt8
    public let payload: UnsafeRawBufferPointer
    /// Whether another record of the same batch follows.
    public let continuesBatch: Bool
    /// A gap record (the log's own; replay never hands one out).
    public let isGap: Bool
    /// The segment file the record was read from, and its byte offset there
    /// (set by replay; for errors that must name where a record is).
    public internal(set) var segmentPath: String = ""
    public internal(set) var offset: Int = 0

    public var record: WALRecord { WALRecord(lsn: lsn, kind: kind, payload: Array(payload)) }
}
