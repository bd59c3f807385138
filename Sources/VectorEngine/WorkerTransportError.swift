import VectorCore

/// Why a frame could not be sent or received: the socket call failed, the
/// peer closed in the middle of a frame, or the frame broke the protocol.
enum WorkerTransportError: Error, Sendable {
    case system(SystemError)
    /// End of stream after `received` of the `expected` bytes of a frame.
    case closedMidFrame(received: Int, expected: Int)
    case protocolViolation(WorkerProtocolError)
}
