import BenchModel
import HardwareCounters

extension CounterStatDocument {
    /// The document of one profiled command.
    public init(_ profile: CommandProfiler.Profile) {
        var signal: Int32?
        if case .signaled(let number) = profile.termination { signal = number }
        self.init(
            command: profile.command, exitStatus: profile.termination.shellStatus, signal: signal,
            elapsedNanos: profile.elapsedNanos, userMicros: profile.usage.value?.userMicros,
            systemMicros: profile.usage.value?.systemMicros, usageUnavailable: profile.usage.reason,
            notes: profile.notes,
            events: profile.reading.values.map { CounterEventEntry($0, intervalNanos: profile.elapsedNanos) })
    }
}
