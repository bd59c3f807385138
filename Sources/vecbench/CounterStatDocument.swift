import HardwareCounters

/// The JSON of `vecbench stat`.
struct CounterStatDocument: Encodable {
    var command: [String]
    var exitStatus: Int32
    var signal: Int32?
    var elapsedNanos: UInt64
    var userMicros: UInt64?
    var systemMicros: UInt64?
    var usageUnavailable: String?
    var notes: [String]
    var events: [CounterEventEntry]

    init(_ profile: CommandProfiler.Profile) {
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
