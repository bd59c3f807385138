/// The document of `vecbench stat`: the command, how it ended, its CPU time
/// and every event counted over it.
public struct CounterStatDocument: Codable, Sendable, Equatable {
    public var command: [String]
    /// The status a shell would report (128 + signal when killed).
    public var exitStatus: Int32
    /// The signal that killed the command, if one did.
    public var signal: Int32?
    public var elapsedNanos: UInt64
    public var userMicros: UInt64?
    public var systemMicros: UInt64?
    /// Why user and system time are absent.
    public var usageUnavailable: String?
    public var notes: [String]
    public var events: [CounterEventEntry]

    public init(command: [String], exitStatus: Int32, signal: Int32?, elapsedNanos: UInt64, userMicros: UInt64?,
                systemMicros: UInt64?, usageUnavailable: String?, notes: [String], events: [CounterEventEntry]) {
        self.command = command
        self.exitStatus = exitStatus
        self.signal = signal
        self.elapsedNanos = elapsedNanos
        self.userMicros = userMicros
        self.systemMicros = systemMicros
        self.usageUnavailable = usageUnavailable
        self.notes = notes
        self.events = events
    }
}
