/// CLOCK_MONOTONIC, and nanosleep for the rest.
struct SystemPhaseClock: PhaseClock {
    func now() -> UInt64 { MonotonicClock.nanoseconds() }

    func sleep(until deadline: UInt64) {
        let now = MonotonicClock.nanoseconds()
        if deadline > now { PhaseExecutor.sleep(nanoseconds: deadline - now) }
    }
}
