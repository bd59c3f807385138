/// A response of the worker protocol as the client sees it, and the
/// builders the server uses. Layout: the table on `WorkerProtocol`.
enum WorkerResponse {
    /// Status 0: the reader is positioned at the result.
    case ok(WorkerMessageReader)
    /// Status 1: refused or failed; the connection stays usable.
    case failed(kind: String, message: String)
    /// Status 2: the peer broke the protocol; the server closes after this.
    case protocolError(kind: String, message: String)

    /// A writer for an ok response to `request`; append the result, then `frame()`.
    static func okWriter(to request: WorkerProtocol.RequestKind, reservingCapacity capacity: Int = 64) -> WorkerMessageWriter {
        WorkerMessageWriter(message: "\(request) response", tag: WorkerProtocol.Status.ok.rawValue, reservingCapacity: capacity)
    }

    /// Messages are cut at this many bytes (a frame must stay small enough
    /// for any client to accept).
    static let maximumMessageBytes = 1 << 20

    /// A failed or protocol-error frame carrying `kind` and `message`.
    static func errorFrame(_ status: WorkerProtocol.Status, kind: String, message: String) -> [UInt8] {
        var writer = WorkerMessageWriter(message: "error response", tag: status.rawValue, reservingCapacity: message.utf8.count + 64)
        let text = message.utf8.count <= maximumMessageBytes
            ? message : String(decoding: message.utf8.prefix(maximumMessageBytes), as: UTF8.self) + "…"
        // Neither field can pass its length limit after the cut above.
        try? writer.append(shortString: String(kind.prefix(256)), field: "kind")
        try? writer.append(longString: text, field: "message")
        return (try? writer.frame()) ?? []
    }

    /// Decodes a response frame body (status byte first).
    static func decode(body: [UInt8], operation: String) throws(WorkerProtocolError) -> WorkerResponse {
        guard let first = body.first else { throw .emptyFrame }
        guard let status = WorkerProtocol.Status(rawValue: first) else { throw .unknownStatus(first) }
        var reader = WorkerMessageReader(message: "\(operation) response", body: body)
        switch status {
        case .ok: return .ok(reader)
        case .failed, .protocolError:
            let kind = try reader.readShortString("kind")
            let message = try reader.readLongString("message")
            try reader.finish()
            return status == .failed ? .failed(kind: kind, message: message) : .protocolError(kind: kind, message: message)
        }
    }
}
