
/// The JSON of `vecbench stat`.
public struct CounterStatDocument: Codable, Sendable {
    public var command: [String]
    public var exitStatus: Int32
    public var signal: Int32?
    public var elapsedNanos: UInt64
    public var userMicros: UInt64?
    public var systemMicros: UInt64?
    public var usageUnavailable: String?
    public var notes: [String]
    public var events: [CounterEventEntry]

    public init(_ profile: CommandProfiler.Profile) {
        command = profile.command
        exitStatus = profile.termination.shellStatus
        if case .signaled(let number) = profile.termination { signal = number }
        elapsedNanos = profile.elapsedNanos
        userMicros = profile.usage.value?.userMicros
        systemMicros = profile.usage.value?.systemMicros
        usageUnavailable = profile.usage.reason
        notes = profile.notes
        events = profile.reading.values.map { CounterEventEntry($0, intervalNanos: profile.elapsedNanos) }
    }
}
