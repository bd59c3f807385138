import Histogram
import Synchronization

/// The fsync latency and group-size histograms behind one small lock, held
/// only to record a value or copy the pair (never during I/O).
///
/// Both are made at the first fsync rather than at open: a process holding
/// thousands of open, idle WALs (a collection per tenant) would otherwise
/// pay their counts arrays for every one of them before any fsync happened.
final class HistogramPair: Sendable {
    private struct State {
        var latency: Histogram<UInt64>?
        var groups: Histogram<UInt64>?
        var failure: String?
    }

    // 1 ns to 100 s with two significant digits (1 % buckets): ~4k slots.
    private static func emptyLatency() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .two)
    }

    private static func emptyGroups() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 1 << 24, numberOfSignificantValueDigits: .two)
    }

    private let state = Mutex(State())

    func record(nanoseconds: UInt64, groupSize: UInt64) {
        state.withLock { state in
            var latency = state.latency.take() ?? Self.emptyLatency()
            var groups = state.groups.take() ?? Self.emptyGroups()
            _ = latency.record(min(max(nanoseconds, 1), latency.highestTrackableValue))
            _ = groups.record(min(groupSize, groups.highestTrackableValue))
            state.latency = latency
            state.groups = groups
        }
    }

    func setFailure(_ description: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = description }
        }
    }

    /// The pair as recorded so far; empty histograms of the same ranges
    /// before the first fsync.
    func copy() -> (Histogram<UInt64>, Histogram<UInt64>, String?) {
        let (latency, groups, failure) = state.withLock { ($0.latency, $0.groups, $0.failure) }
        return (latency ?? Self.emptyLatency(), groups ?? Self.emptyGroups(), failure)
    }
}
