/// The time a phase executor reads and waits on. `SystemPhaseClock`
/// (CLOCK_MONOTONIC and nanosleep) everywhere but in tests, which replay a
/// phase on a clock they advance themselves so that latencies are exact.
protocol PhaseClock: Sendable {
    /// Nanoseconds on a monotonic clock.
    func now() -> UInt64
    /// Returns once `now()` has reached `deadline`.
    func sleep(until deadline: UInt64)
}
