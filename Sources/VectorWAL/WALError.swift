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
