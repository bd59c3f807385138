import Synchronization

/// The bytes of request frames a worker server holds at once, across all
/// its connections. A connection reserves a frame's body piece by piece as
/// the bytes arrive (never on the length prefix alone) and releases it once
/// the request is answered; a reservation that would pass `limit` is
/// refused, and the server answers that connection with a protocol error
/// ("bufferLimit") and closes it. Other connections go on.
///
/// Two bounds keep a hostile or careless client from exhausting memory:
///
/// | bound | flag | default | what it limits |
/// |---|---|---|---|
/// | per connection | `--max-frame-bytes` | 256 MiB | a connection buffers one request frame at a time, at most this long |
/// | total | `--max-buffered-bytes` | 1 GiB | the sum over all connections of the request bytes received and not yet answered |
public final class WorkerBufferBudget: Sendable {
    public let limit: Int
    private let used = Atomic<Int>(0)

    public init(limit: Int) {
        precondition(limit > 0, "a buffer budget needs a positive limit")
        self.limit = limit
    }

    /// Bytes reserved right now.
    public var reserved: Int { used.load(ordering: .relaxed) }

    /// Reserves `bytes`, or returns false (reserving nothing) when that
    /// would take the total past `limit`.
    func reserve(_ bytes: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            guard bytes <= limit - current else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ bytes: Int) {
        used.subtract(bytes, ordering: .acquiringAndReleasing)
    }
}
