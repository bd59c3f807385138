import VectorCore

/// Everything the WAL can fail with. Each case says what and where.
public enum WALError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed while opening, reading, scanning or truncating.
    /// Appends are not affected by this case (see `failed`).
    case system(SystemError)
    /// A write or fdatasync failed. The append that hit it, every append
    /// waiting for an acknowledgement, and every later append fail with this
    /// same error: the log is read-only (replay still works) until reopened,
    /// because after a failed fdatasync Linux may have dropped the dirty pages
    /// and nothing written since the last good sync can be trusted.
    case failed(SystemError)
    /// A record that fails its checks where the log may not end: anywhere in
    /// a sealed segment, or in the open segment with a valid record after it.
    case corrupt(WALCorruption)
    /// A segment file whose header or name is wrong, or a segment missing
    /// from the sequence.
    case badSegment(path: String, reason: String)
    /// Another `WriteAheadLog` (this process or another) has the directory open.
    case locked(directory: String)
    /// The log was closed.
    case closed(directory: String)
    /// A batch with no records.
    case emptyBatch
    /// A payload over `WALConfiguration.maximumPayloadBytes`.
    case recordTooLarge(payloadBytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .system(let error): "WAL: \(error)"
        case .failed(let error): "WAL is read-only after a failed write or sync (reopen to recover): \(error)"
        case .corrupt(let corruption): corruption.description
        case .badSegment(let path, let reason): "WAL segment \(path): \(reason)"
        case .locked(let directory): "WAL \(directory) is already open (its LOCK file is held)"
        case .closed(let directory): "WAL \(directory) is closed"
        case .emptyBatch: "WAL append of an empty batch"
        case .recordTooLarge(let bytes, let limit): "WAL record payload of \(bytes) bytes exceeds the limit of \(limit)"
        }
    }

    /// The underlying system error, for `.system` and `.failed`.
    public var systemError: SystemError? {
        switch self {
        case .system(let error), .failed(let error): error
        default: nil
        }
    }
}

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
