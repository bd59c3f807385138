import BenchModel
import Foundation
import Histogram
import Synchronization

extension WALBenchmark {
    /// What one closed-loop writer thread measured.
    final class WorkerTally: @unchecked Sendable {
        var operations = 0
        var latency = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000_000, numberOfSignificantValueDigits: .three)
        var error: Error?
    }

    final class StopFlag: Sendable {
        private let stopped = Atomic<Bool>(false)
        var isSet: Bool { stopped.load(ordering: .relaxed) }
        func set() { stopped.store(true, ordering: .relaxed) }
    }

    /// Runs `operation(thread)` in a loop on `threads` threads for `seconds`,
    /// all released at once, timing each call. Returns the wall time from
    /// release until the last thread finished its last call, and the tallies.
    static func timedLoop(
        threads: Int, seconds: Double, operation: @escaping @Sendable (Int) throws -> Void
    ) throws -> (seconds: Double, tallies: [WorkerTally]) {
        let tallies = (0..<threads).map { _ in WorkerTally() }
        let stop = StopFlag()
        let ready = DispatchGroup()
        let gate = DispatchGroup()
        let done = DispatchGroup()
        gate.enter()
        for thread in 0..<threads {
            ready.enter()
            done.enter()
            let tally = tallies[thread]
            let worker = Thread {
                ready.leave()
                gate.wait()
                while !stop.isSet {
                    let start = MonotonicClock.nanoseconds()
                    do {
                        try operation(thread)
                    } catch {
                        tally.error = error
                        break
                    }
                    _ = tally.latency.record(max(1, MonotonicClock.nanoseconds() - start))
                    tally.operations += 1
                }
                done.leave()
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        ready.wait()
        let start = MonotonicClock.nanoseconds()
        gate.leave()
        usleep(useconds_t(seconds * 1_000_000))
        stop.set()
        done.wait()
        let elapsed = Double(MonotonicClock.nanoseconds() - start) / 1e9
        if let error = tallies.lazy.compactMap(\.error).first { throw error }
        return (elapsed, tallies)
    }

    /// A round's figures from the tallies of a timed loop.
    static func round(seconds: Double, tallies: [WorkerTally], fsyncs: Int) -> WALBenchResult.Round {
        var latency = tallies[0].latency
        for tally in tallies.dropFirst() { latency.add(tally.latency) }
        let operations = tallies.reduce(0) { $0 + $1.operations }
        func microseconds(_ percentile: Double) -> Double {
            latency.totalCount == 0 ? 0 : Double(latency.valueAtPercentile(percentile)) / 1000
        }
        return WALBenchResult.Round(
            seconds: seconds, operations: operations, fsyncs: fsyncs, p50Microseconds: microseconds(50),
            p99Microseconds: microseconds(99), maxMicroseconds: Double(latency.max) / 1000)
    }
}
