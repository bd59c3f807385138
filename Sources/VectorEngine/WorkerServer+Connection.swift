import Foundation

extension WorkerServer {
    /// Serves one connection until the client closes it, breaks the
    /// protocol (answered with a protocol error, then closed), or the server
    /// stops. Runs on the connection's own thread.
    func serve(_ connection: WorkerSocket) {
        var greeted = false
        while true {
            let body: [UInt8]
            do {
                guard let received = try connection.receiveFrame(maximumBytes: maximumFrameBytes, budget: bufferBudget) else { return }
                body = received
            } catch {
                // An I/O error or a truncated frame means the client is gone:
                // nobody to answer.
                if case .protocolViolation(let violation) = error { refuse(violation, on: connection) }
                return
            }
            // The body's bytes stay reserved until the request is answered.
            defer { bufferBudget.release(body.count) }
            let request: WorkerRequest
            do {
                request = try WorkerRequest.decode(body: body)
                try checkGreeting(request, greeted: greeted)
            } catch {
                refuse(error, on: connection)
                return
            }
            greeted = true
            do { try connection.sendFrame(respond(to: request)) } catch { return }
            if case .shutdown = request { requestShutdown() }
        }
    }

    /// A connection starts with a hello of our magic and version.
    private func checkGreeting(_ request: WorkerRequest, greeted: Bool) throws(WorkerProtocolError) {
        guard case .hello(let magic, let version) = request else {
            if !greeted { throw .helloRequired(beforeKind: request.kind.rawValue) }
            return
        }
        guard magic == WorkerProtocol.magic else { throw .badMagic(magic) }
        guard version == WorkerProtocol.version else { throw .unsupportedVersion(version, supported: WorkerProtocol.version) }
    }

    /// Answers a protocol violation; the caller then closes the connection.
    private func refuse(_ violation: WorkerProtocolError, on connection: WorkerSocket) {
        try? connection.sendFrame(WorkerResponse.errorFrame(.protocolError, kind: violation.kind, message: violation.description))
    }
}
