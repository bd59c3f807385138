import Histogram
import Synchronization

/// The live counters behind `WALFlusherStatistics`.
final class WALFlusherRecorder: Sendable {
    private struct State {
        var flushes: UInt64 = 0
        var syncs: UInt64 = 0
        var maximumLag: UInt64 = 0
        // 1 µs to 1000 s, two significant digits.
        var lag = Histogram<UInt64>(lowestDiscernibleValue: 1_000, highestTrackableValue: 1_000_000_000_000,
                                    numberOfSignificantValueDigits: .two)
    }

    private let state = Mutex(State())

    func record(lagNanoseconds: UInt64, synced: Bool) {
        state.withLock { state in
            state.flushes += 1
            if synced { state.syncs += 1 }
            state.maximumLag = max(state.maximumLag, lagNanoseconds)
            _ = state.lag.record(min(lagNanoseconds, state.lag.highestTrackableValue))
        }
    }

    func snapshot(threads: Int, registered: Int) -> WALFlusherStatistics {
        state.withLock { state in
            WALFlusherStatistics(
                threads: threads, registeredLogs: registered, flushes: state.flushes, syncs: state.syncs,
                lag: state.lag, maximumLagNanoseconds: state.maximumLag)
        }
    }
}
