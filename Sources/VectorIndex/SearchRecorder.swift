/// Receives the events of a traversal. Search is generic over its recorder so
/// that `NoSearchRecorder` compiles to nothing and statistics cost only what
/// `PageSearchRecorder` does.
///
/// `evaluated` reports a vector read for a distance, `expanded` a level-0
/// link list taken for expansion (its whole slot, for page statistics);
/// `touched` reports every other read of index memory, with the bytes
/// actually read: link lists (their count word and used slots), upper-level
/// link blocks and the pointer to them, visited marks, labels.
protocol SearchRecorder {
    mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int)
    mutating func expanded(links address: UnsafeRawPointer, bytes: Int)
    mutating func visited()
    mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind)
    /// An f32 vector read to rescore a quantized search's candidate.
    mutating func rescored(vector address: UnsafeRawPointer, bytes: Int)
}
