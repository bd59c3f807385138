import VectorCore

extension WorkerSocket {
    /// The first piece of a frame body allocated; each later piece is as
    /// large as what has arrived so far, so memory grows with the bytes the
    /// peer actually sent, never with the length it announced.
    static let firstBodyPieceBytes = 64 << 10

    /// Sends one encoded frame (length field included).
    func sendFrame(_ frame: [UInt8]) throws(WorkerTransportError) {
        do { try send(frame) } catch { throw .system(error) }
    }

    /// Receives one frame body (kind or status byte, then payload); nil when
    /// the peer closed cleanly between frames. A length over `maximumBytes`
    /// is refused before any of the body is read. The body is allocated as
    /// it arrives; with a `budget`, each piece is reserved from it first
    /// (refused with `bufferLimit` when the budget is spent) and, on
    /// success, the caller releases `body.count` bytes once done with it.
    func receiveFrame(maximumBytes: Int, budget: WorkerBufferBudget? = nil) throws(WorkerTransportError) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: WorkerProtocol.lengthFieldBytes)
        let headerBytes: Int
        do { headerBytes = try receive(into: &header, 0..<header.count) } catch { throw .system(error) }
        if headerBytes == 0 { return nil }
        guard headerBytes == header.count else { throw .closedMidFrame(received: headerBytes, expected: header.count) }
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        guard length > 0 else { throw .protocolViolation(.emptyFrame) }
        guard length <= maximumBytes else { throw .protocolViolation(.frameTooLarge(bytes: length, limit: maximumBytes)) }
        var body: [UInt8] = []
        var reserved = 0
        do throws(WorkerTransportError) {
            while body.count < length {
                let piece = min(length - body.count, max(Self.firstBodyPieceBytes, body.count))
                if let budget {
                    guard budget.reserve(piece) else {
                        throw .protocolViolation(
                            .bufferLimit(frameBytes: length, buffered: budget.reserved, limit: budget.limit))
                    }
                    reserved += piece
                }
                let start = body.count
                body.append(contentsOf: repeatElement(0, count: piece))
                let arrived: Int
                do { arrived = try receive(into: &body, start..<start + piece) } catch { throw .system(error) }
                guard arrived == piece else {
                    throw .closedMidFrame(received: header.count + start + arrived, expected: header.count + length)
                }
            }
        } catch {
            budget?.release(reserved)
            throw error
        }
        return body
    }
}
