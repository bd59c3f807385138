import VectorCore

/// Where a WAL is damaged: the file, the byte offset of the first record
/// that fails its checks, and the LSN that record should have carried.
public struct WALCorruption: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// Byte offset of the damaged record in the segment file.
    public var offset: Int
    /// The LSN expected at `offset`: the first LSN that cannot be recovered.
    public var lsn: UInt64
    /// What is wrong with the bytes at `offset`.
    public var reason: String
    /// Whether the segment is sealed (strict) or the open one.
    public var sealed: Bool
    /// In the open segment: the valid record found after the damage, which is
    /// what makes it corruption rather than a torn tail.
    public var validRecordOffset: Int?
    public var validRecordLSN: UInt64?

    public init(
        path: String, offset: Int, lsn: UInt64, reason: String, sealed: Bool,
        validRecordOffset: Int? = nil, validRecordLSN: UInt64? = nil
    ) {
        self.path = path
        self.offset = offset
        self.lsn = lsn
        self.reason = reason
        self.sealed = sealed
        self.validRecordOffset = validRecordOffset
        self.validRecordLSN = validRecordLSN
    }

    public var description: String {
        var text = "WAL corruption in \(sealed ? "sealed" : "open") segment \(path) at byte \(offset) (LSN \(lsn)): \(reason)"
        if let validRecordOffset, let validRecordLSN {
            text += "; a valid record (LSN \(validRecordLSN)) follows at byte \(validRecordOffset), so this is not a torn tail"
        }
        return text
    }
}
