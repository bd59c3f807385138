import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

/// The interval flusher: its schedule hands out due logs earliest first and
/// never one twice at once, and with many dirty logs every one is synced.
@Suite("WAL interval flusher")
struct WALIntervalFlusherTests {
    @Test("due logs come out earliest deadline first, ties in registration order, only once due")
    func order() {
        var schedule = WALFlushSchedule<Int>()
        // Intervals chosen so deadlines interleave: key k is due at 10 * (k % 4 + 1) + k.
        for key in 0..<12 { schedule.register(key, intervalNanoseconds: UInt64(10 * (key % 4 + 1) + key), now: 0) }
        // Due at 25 like key 5, registered later: comes out after it.
        schedule.register(100, intervalNanoseconds: 20, now: 5)
        #expect(schedule.nextDeadline() == 10)
        #expect(schedule.takeDue(now: 9).isEmpty)
        let due = schedule.takeDue(now: 1_000)
        var expected: [(key: Int, deadline: UInt64, order: Int)] = []
        for key in 0..<12 { expected.append((key, UInt64(10 * (key % 4 + 1) + key), key)) }
        expected.append((100, 25, 12))
        expected.sort { a, b in a.deadline != b.deadline ? a.deadline < b.deadline : a.order < b.order }
        let dueKeys: [Int] = due.map { $0.key }
        let dueDeadlines: [UInt64] = due.map { $0.deadline }
        #expect(dueKeys == expected.map { $0.key })
        #expect(dueDeadlines == expected.map { $0.deadline })
        #expect(zip(due, due.dropFirst()).allSatisfy { $0.deadline <= $1.deadline })
    }

    @Test("a log in flight is not handed out again until finished; unregistered logs vanish")
    func inFlight() {
        var schedule = WALFlushSchedule<String>()
        schedule.register("a", intervalNanoseconds: 10, now: 0)
        schedule.register("b", intervalNanoseconds: 10, now: 0)
        #expect(schedule.takeDue(now: 10).map(\.key) == ["a", "b"])
        // Long past their next deadlines, neither comes out while in flight.
        #expect(schedule.takeDue(now: 1_000).isEmpty)
        #expect(schedule.nextDeadline() == nil)
        schedule.finished("a", started: 500)
        schedule.unregister("b")
        schedule.finished("b", started: 500)
        #expect(schedule.nextDeadline() == 510)
        #expect(schedule.takeDue(now: 509).isEmpty)
        #expect(schedule.takeDue(now: 510).map(\.key) == ["a"])
        // Re-registering replaces the entry: the old deadline is stale.
        schedule.register("c", intervalNanoseconds: 100, now: 0)
        schedule.register("c", intervalNanoseconds: 5, now: 1_000)
        #expect(schedule.takeDue(now: 1_004).isEmpty)
        #expect(schedule.takeDue(now: 1_005).map(\.key) == ["c"])
        #expect(schedule.count == 2)
    }

    @Test("thousands of deadlines come out sorted, each exactly once per round")
    func manyRounds() {
        var schedule = WALFlushSchedule<Int>()
        var generator = SystemRandomNumberGenerator()
        let count = 5_000
        for key in 0..<count { schedule.register(key, intervalNanoseconds: UInt64.random(in: 1...1_000, using: &generator), now: 0) }
        var now: UInt64 = 0
        for _ in 0..<3 {
            now += 2_000
            let due = schedule.takeDue(now: now)
            #expect(due.count == count)
            #expect(Set(due.map(\.key)).count == count)
            #expect(zip(due, due.dropFirst()).allSatisfy { $0.deadline <= $1.deadline })
            for item in due { schedule.finished(item.key, started: now) }
        }
    }

    @Test("with hundreds of dirty interval logs, every one is synced, and the lag is measured")
    func everyDirtyLogSynced() throws {
        try withTemporaryDirectory { directory in
            let configuration = WALConfiguration(syncPolicy: .interval(milliseconds: 5), segmentBytes: 64 << 10, preallocate: false)
            let before = WALIntervalFlusher.shared.statistics()
            var logs: [WriteAheadLog] = []
            for index in 0..<300 {
                let wal = try WriteAheadLog.open(directory: directory + "/log-\(index)", configuration: configuration)
                let ack = try wal.append(kind: 1, payload: samplePayload(index))
                #expect(ack.durability == .written)
                logs.append(wal)
            }
            // A hang guard, not a timing assertion: the flusher gets as long
            // as a loaded machine could need.
            let giveUp = Date().addingTimeInterval(120)
            while logs.contains(where: { $0.durableLSN < $0.lastLSN }), Date() < giveUp { usleep(2_000) }
            #expect(logs.allSatisfy { $0.durableLSN == $0.lastLSN && $0.lastLSN == 1 })
            #expect(logs.allSatisfy { $0.statistics().fsyncCount >= 1 })
            let after = WALIntervalFlusher.shared.statistics()
            #expect(after.syncs >= before.syncs + 300)
            #expect(after.flushes >= after.syncs)
            #expect(after.lag.totalCount == after.flushes)
            #expect(after.threads == WALIntervalFlusher.shared.syncThreads)
            for log in logs { try log.close() }
        }
    }

    @Test("a clean log is never handed to a syncer at its deadlines; a write makes it due again")
    func cleanLogsWakeNoSyncer() throws {
        try withTemporaryDirectory { directory in
            // A flusher of this test's own, so other suites' logs cannot add to its counts.
            let flusher = WALIntervalFlusher(syncThreads: 2)
            let configuration = WALConfiguration(syncPolicy: .never, segmentBytes: 64 << 10, preallocate: false)
            let wal = try WriteAheadLog.open(directory: directory + "/log", configuration: configuration)
            try flusher.register(wal, intervalNanoseconds: 1_000_000)
            // Dozens of deadlines pass; the log has nothing to sync at any of them.
            usleep(50_000)
            #expect(flusher.statistics().flushes == 0)
            _ = try wal.append(kind: 1, payload: samplePayload(1))
            let giveUp = Date().addingTimeInterval(120)
            while wal.durableLSN < wal.lastLSN, Date() < giveUp { usleep(1_000) }
            #expect(wal.durableLSN == wal.lastLSN)
            let statistics = flusher.statistics()
            #expect(statistics.syncs >= 1 && statistics.flushes == statistics.syncs)
            flusher.unregister(wal)
            try wal.close()
        }
    }
}
