import Histogram
import Synchronization

/// The fsync latency and group-size histograms behind one small lock, held
/// only to record a value or copy the pair (never during I/O).
final class HistogramPair: Sendable {
    private struct State {
        // 1 ns to 100 s with two significant digits (1 % buckets): ~4k slots.
        var latency = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .two)
        var groups = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 1 << 24, numberOfSignificantValueDigits: .two)
        var failure: String?
    }

    private let state = Mutex(State())

    func record(nanoseconds: UInt64, groupSize: UInt64) {
        state.withLock { state in
            _ = state.latency.record(min(max(nanoseconds, 1), state.latency.highestTrackableValue))
            _ = state.groups.record(min(groupSize, state.groups.highestTrackableValue))
        }
    }

    func setFailure(_ description: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = description }
        }
    }

    func copy() -> (Histogram<UInt64>, Histogram<UInt64>, String?) {
        state.withLock { ($0.latency, $0.groups, $0.failure) }
    }
}
