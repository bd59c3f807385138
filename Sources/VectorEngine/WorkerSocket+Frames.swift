import VectorCore

extension WorkerSocket {
    /// Sends one encoded frame (length field included).
    func sendFrame(_ frame: [UInt8]) throws(WorkerTransportError) {
        do { try send(frame) } catch { throw .system(error) }
    }

    /// Receives one frame body (kind or status byte, then payload); nil when
    /// the peer closed cleanly between frames. A length over `maximumBytes`
    /// is refused before any of the body is read.
    func receiveFrame(maximumBytes: Int) throws(WorkerTransportError) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: WorkerProtocol.lengthFieldBytes)
        let headerBytes: Int
        do { headerBytes = try receive(into: &header, 0..<header.count) } catch { throw .system(error) }
        if headerBytes == 0 { return nil }
        guard headerBytes == header.count else { throw .closedMidFrame(received: headerBytes, expected: header.count) }
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        guard length > 0 else { throw .protocolViolation(.emptyFrame) }
        guard length <= maximumBytes else { throw .protocolViolation(.frameTooLarge(bytes: length, limit: maximumBytes)) }
        var body = [UInt8](repeating: 0, count: length)
        let bodyBytes: Int
        do { bodyBytes = try receive(into: &body, 0..<length) } catch { throw .system(error) }
        guard bodyBytes == length else {
            throw .closedMidFrame(received: header.count + bodyBytes, expected: header.count + length)
        }
        return body
    }
}
