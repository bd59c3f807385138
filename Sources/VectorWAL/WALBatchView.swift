/// A whole batch as replay hands it out: one or more records with consecutive
/// LSNs, already checked. Valid only during the callback.
public struct WALBatchView: Sequence {
    /// The encoded records, back to back.
    let bytes: UnsafeRawBufferPointer
    public let firstLSN: UInt64
    public let lastLSN: UInt64
    /// The segment file holding the batch and the byte offset of its first record.
    public internal(set) var segmentPath: String = ""
    public internal(set) var offset: Int = 0

    public var count: Int { Int(lastLSN - firstLSN + 1) }

    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        let segmentPath: String
        let base: Int
        var offset = 0

        public mutating func next() -> WALRecordView? {
            guard offset < bytes.count else { return nil }
            var view = WALRecordCodec.unchecked(bytes, at: offset)
            view.segmentPath = segmentPath
            view.offset = base + offset
            offset += WALRecord.encodedSize(payloadBytes: view.payload.count)
            return view
        }
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, segmentPath: segmentPath, base: offset) }
}
