import VectorCore

/// Malformed requests, sent as raw frames on fresh connections: each must
/// be answered with a protocol error (status 2, the kind named) and the
/// connection closed, and the worker must go on serving others.
extension WorkerConformanceSession {
    /// Frame bytes: length, kind, payload.
    static func rawFrame(_ kind: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count + 1)
        return withUnsafeBytes(of: length.littleEndian, Array.init) + [kind] + payload
    }

    static var hello: [UInt8] { rawFrame(1, WorkerProtocol.magic + [UInt8(WorkerProtocol.version & 0xff), UInt8(WorkerProtocol.version >> 8)]) }

    func runMalformed() {
        let name = Array(WorkerConformance.plainName.utf8)
        let nameField = [UInt8(name.count), 0] + name
        // search with k = 0 (below InputLimit.k), otherwise well formed.
        let zeroK = nameField + [UInt8](repeating: 0, count: 8) + [64] + [UInt8](repeating: 0, count: 7) + [0, 0, 0, 0, 0]
            + [8, 0, 0, 0] + [UInt8](repeating: 0, count: 32)
        let cases: [(String, greet: Bool, frame: [UInt8], kinds: Set<String>)] = [
            ("request before hello", false, Self.rawFrame(2, []), ["helloRequired"]),
            ("hello with a bad magic", false, Self.rawFrame(1, Array("XXXX".utf8) + [1, 0]), ["versionMismatch"]),
            ("unknown request kind", true, Self.rawFrame(200, []), ["unknownKind"]),
            ("truncated search", true, Self.rawFrame(8, nameField + [1, 2, 3]), ["malformedFrame"]),
            ("trailing bytes after ping", true, Self.rawFrame(2, [0]), ["malformedFrame"]),
            ("search with k = 0", true, Self.rawFrame(8, zeroK), ["malformedFrame"]),
            ("frame over the announced limit", true, [0xff, 0xff, 0xff, 0xff], ["frameTooLarge"]),
        ]
        for (title, greet, frame, kinds) in cases {
            check("malformed: \(title)") { try refuses(frame, greet: greet, kinds: kinds) }
        }
    }

    /// Sends `frame` on a new connection (after a hello when `greet`);
    /// expects a protocol error of one of `kinds`, then end of stream, then
    /// a worker that still answers.
    func refuses(_ frame: [UInt8], greet: Bool, kinds: Set<String>) throws -> String {
        let socket = try WorkerSocket.connect(to: socketPath)
        defer { socket.close() }
        try socket.setTimeouts(receiveSeconds: 30, sendSeconds: 30)
        if greet {
            try socket.sendFrame(Self.hello)
            guard let answer = try socket.receiveFrame(maximumBytes: 1 << 20), answer.first == WorkerProtocol.Status.ok.rawValue else {
                throw ConformanceFailure(reason: "hello was not answered ok")
            }
        }
        try socket.sendFrame(frame)
        guard let body = try socket.receiveFrame(maximumBytes: 1 << 22) else {
            throw ConformanceFailure(reason: "the connection closed without a protocol error response")
        }
        let response = try WorkerResponse.decode(body: body, operation: "malformed request")
        guard case .protocolError(let kind, let message) = response else {
            throw ConformanceFailure(reason: "answered \(response.statusName), expected a protocol error (status 2)")
        }
        try Self.expect(kinds.contains(kind), "protocol error kind '\(kind)', expected \(kinds.sorted()): \(message)")
        let after = try socket.receiveFrame(maximumBytes: 1 << 20)
        try Self.expect(after == nil, "the connection stayed open after a protocol error")
        try client.ping()
        return "protocolError \(kind), closed; worker still answers"
    }
}

extension WorkerResponse {
    var statusName: String {
        switch self {
        case .ok: "ok"
        case .failed(let kind, _): "failed (\(kind))"
        case .protocolError(let kind, _): "protocolError (\(kind))"
        }
    }
}
