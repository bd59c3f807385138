/// A frame that breaks the worker protocol (see `WorkerProtocol`): which
/// rule, in which message, at which byte. The server answers these with a
/// `protocolError` response and closes the connection; the client reports
/// them as `WorkerClientError.protocolViolation`.
public enum WorkerProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    case frameTooLarge(bytes: Int, limit: Int)
    /// The server holds `buffered` bytes of requests of all connections;
    /// this frame's next piece would take it past `limit` (`WorkerBufferBudget`).
    case bufferLimit(frameBytes: Int, buffered: Int, limit: Int)
    case emptyFrame
    /// A field runs past the end of the frame.
    case truncated(message: String, field: String, offset: Int, needed: Int, available: Int)
    case trailingBytes(message: String, count: Int)
    case unknownRequestKind(UInt8)
    case unknownStatus(UInt8)
    case badMagic([UInt8])
    case unsupportedVersion(UInt16, supported: UInt16)
    case helloRequired(beforeKind: UInt8)
    case invalidUTF8(message: String, field: String)
    case invalidValue(message: String, field: String, reason: String)
    /// A string or count too large for its length field (sending side).
    case fieldTooLarge(message: String, field: String, count: Int, limit: Int)

    /// The `kind` string a protocol-error response carries.
    public var kind: String {
        switch self {
        case .frameTooLarge: return "frameTooLarge"
        case .bufferLimit: return "bufferLimit"
        case .emptyFrame, .truncated, .trailingBytes, .invalidUTF8, .invalidValue, .fieldTooLarge: return "malformedFrame"
        case .unknownRequestKind, .unknownStatus: return "unknownKind"
        case .badMagic, .unsupportedVersion: return "versionMismatch"
        case .helloRequired: return "helloRequired"
        }
    }

    public var description: String {
        switch self {
        case .frameTooLarge(let bytes, let limit):
            return "frame of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .bufferLimit(let frameBytes, let buffered, let limit):
            return "frame of \(frameBytes) bytes refused: the server already buffers \(buffered) bytes of requests, "
                + "its total limit is \(limit) bytes (--max-buffered-bytes)"
        case .emptyFrame: return "empty frame (length 0): every frame starts with a kind or status byte"
        case .truncated(let message, let field, let offset, let needed, let available):
            return "\(message): field '\(field)' at byte \(offset) needs \(needed) bytes, \(available) left in the frame"
        case .trailingBytes(let message, let count): return "\(message): \(count) unexpected bytes after the last field"
        case .unknownRequestKind(let kind): return "unknown request kind \(kind)"
        case .unknownStatus(let status): return "unknown response status \(status)"
        case .badMagic(let bytes): return "hello magic is \(bytes), expected \(WorkerProtocol.magic) (\"VBWP\")"
        case .unsupportedVersion(let version, let supported):
            return "protocol version \(version) is not supported (this side speaks \(supported))"
        case .helloRequired(let kind): return "request kind \(kind) before hello: a connection must start with hello"
        case .invalidUTF8(let message, let field): return "\(message): field '\(field)' is not valid UTF-8"
        case .invalidValue(let message, let field, let reason): return "\(message): field '\(field)': \(reason)"
        case .fieldTooLarge(let message, let field, let count, let limit):
            return "\(message): field '\(field)' has \(count) elements or bytes, its length field holds at most \(limit)"
        }
    }
}
