import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

@Suite("WAL round trip")
struct WALRoundTripTests {
    @Test("many records over many segments survive close and reopen, and LSNs continue")
    func roundTrip() throws {
        try withTemporaryDirectory { directory in
            let configuration = WALConfiguration(syncPolicy: .never, segmentBytes: 8 << 10)
            var expected: [WALRecord] = []
            var wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            #expect(wal.recovery.createdNewLog)
            expected += try appendSamples(wal, 0..<1500)
            // Batches in between single records.
            for start in stride(from: 1500, to: 2100, by: 6) {
                var batch = WALBatch()
                for number in start..<(start + 6) { batch.append(kind: 7, payload: samplePayload(number)) }
                let ack = try wal.append(batch)
                #expect(ack.recordCount == 6)
                for (index, number) in (start..<(start + 6)).enumerated() {
                    expected.append(WALRecord(lsn: ack.firstLSN + UInt64(index), kind: 7, payload: samplePayload(number)))
                }
            }
            #expect(expected.map(\.lsn) == Array(1...UInt64(expected.count)))
            #expect(try wal.records() == expected)
            let segments = wal.statistics().segmentCount
            #expect(segments > 20)
            try wal.close()

            wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            #expect(!wal.recovery.createdNewLog)
            #expect(wal.recovery.tornTail == nil)
            #expect(wal.recovery.segments == segments)
            #expect(wal.recovery.nextLSN == UInt64(expected.count) + 1)
            #expect(try wal.records() == expected)
            expected += try appendSamples(wal, 3000..<3100)
            #expect(expected.last?.lsn == UInt64(expected.count))
            try wal.close()

            wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            defer { try? wal.close() }
            #expect(try wal.records() == expected)
            #expect(try wal.verify().records == expected.count)
            // Sealed segments were cut to their last record; only the open one is preallocated.
            let paths = try segmentPaths(directory)
            for path in paths.dropLast() {
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
                #expect(size <= 8 << 10)
            }
        }
    }

    @Test("replay from an LSN starts there, trims a straddling batch and hands batches out whole")
    func replayFrom() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .never, segmentBytes: 4096))
            defer { try? wal.close() }
            var sizes: [Int] = []
            var number = 0
            for size in [1, 3, 5, 2, 1, 4, 7, 1, 2, 9, 3] {
                var batch = WALBatch()
                for _ in 0..<size {
                    batch.append(kind: 1, payload: samplePayload(number))
                    number += 1
                }
                try wal.append(batch)
                sizes.append(size)
            }
            var seen: [Int] = []
            try wal.forEachBatch { batch in
                seen.append(batch.count)
                #expect(batch.map(\.lsn) == Array(batch.firstLSN...batch.lastLSN))
                #expect(batch.map(\.continuesBatch) == Array(repeating: true, count: batch.count - 1) + [false])
            }
            #expect(seen == sizes)
            let all = try wal.records()
            // LSN 3 is the middle record of the second batch (LSNs 2...4).
            let tail = try wal.records(from: 3)
            #expect(tail == Array(all.dropFirst(2)))
            var firstBatch: [UInt64] = []
            try wal.forEachBatch(from: 3) { batch in
                if firstBatch.isEmpty { firstBatch = batch.map(\.lsn) }
            }
            #expect(firstBatch == [3, 4])
            #expect(try wal.records(from: UInt64(number) + 1).isEmpty)
        }
    }

    @Test("the bytes on disk follow the documented layout")
    func layout() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .always, segmentBytes: 1 << 20))
            try wal.append(kind: 0xAB, payload: [1, 2, 3, 4, 5])
            try wal.close()
            let path = try #require(try segmentPaths(directory).first)
            #expect(path.hasSuffix("/00000000000000000001.wal"))
            let raw = try readBytes(path)
            #expect(raw.count == 1 << 20)  // preallocated
            #expect(Array(raw[0..<8]) == Array("VBWALSEG".utf8))
            #expect(Array(raw[8..<16]) == [1, 0, 0, 0, 64, 0, 0, 0])
            #expect(Array(raw[16..<32]) == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
            let salt = raw[32..<36].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let headerCRC = raw[60..<64].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(headerCRC == CRC32C.masked(CRC32C.checksum(raw[0..<60])))
            // Record: length 5, kind, flags 0, reserved, LSN 1, payload, 7 bytes padding, CRC (32 bytes).
            #expect(Array(raw[64..<80]) == [5, 0, 0, 0, 0xAB, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
            #expect(Array(raw[80..<85]) == [1, 2, 3, 4, 5])
            #expect(Array(raw[85..<92]) == [0, 0, 0, 0, 0, 0, 0])
            let crc = raw[92..<96].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(crc == CRC32C.masked(CRC32C.checksum(raw[64..<85], seed: salt)))
            #expect(raw[96..<(1 << 20)].allSatisfy { $0 == 0 })
            #expect(WALRecord.encodedSize(payloadBytes: 5) == 32)
            #expect(WALRecord.encodedSize(payloadBytes: 0) == 24)
            #expect(WALRecord.encodedSize(payloadBytes: 4) == 24)
        }
    }

    @Test("bad input is refused with a typed error and leaves the log usable")
    func badInput() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(
                directory: directory, configuration: .init(syncPolicy: .always, maximumPayloadBytes: 100))
            #expect(walError { try wal.append(WALBatch()) } == .emptyBatch)
            #expect(walError { try wal.append(kind: 1, payload: [UInt8](repeating: 1, count: 101)) }
                == .recordTooLarge(payloadBytes: 101, limit: 100))
            var batch = WALBatch()
            batch.append(kind: 1, payload: [1])
            batch.append(kind: 1, payload: [UInt8](repeating: 2, count: 200))
            #expect(walError { try wal.append(batch) } == .recordTooLarge(payloadBytes: 200, limit: 100))
            #expect(try wal.append(kind: 1, payload: [9]).lsn == 1)
            // One opener at a time.
            #expect(walError { _ = try WriteAheadLog.open(directory: directory) } == .locked(directory: directory))
            try wal.close()
            #expect(walError { try wal.append(kind: 1, payload: [9]) } == .closed(directory: directory))
            try wal.close()  // twice is fine
            let reopened = try WriteAheadLog.open(directory: directory)
            #expect(try reopened.records() == [WALRecord(lsn: 1, kind: 1, payload: [9])])
            try reopened.close()
        }
    }

    @Test("policy never: acks are unsynced and nothing is synced until close")
    func neverPolicy() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .never))
            for number in 0..<50 {
                #expect(try wal.append(kind: 1, payload: samplePayload(number)).durability == .unsynced)
            }
            #expect(wal.statistics().fsyncCount == 0)
            #expect(wal.durableLSN == 0)
            try wal.close()
            #expect(wal.statistics().fsyncCount == 1)
            #expect(wal.durableLSN == 50)
        }
    }

    @Test("policy interval: acks say written and the flusher makes them durable")
    func intervalPolicy() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .interval(milliseconds: 5)))
            defer { try? wal.close() }
            var last: UInt64 = 0
            for number in 0..<20 {
                let ack = try wal.append(kind: 1, payload: samplePayload(number))
                #expect(ack.durability == .written)
                last = ack.lsn
            }
            // Wait (without a time limit on the assertion) for the flusher.
            var polls = 0
            while wal.durableLSN < last, polls < 20_000 {
                usleep(1000)
                polls += 1
            }
            #expect(wal.durableLSN == last)
            #expect(wal.statistics().fsyncCount >= 1)
        }
    }

    @Test("the statistics snapshot is consistent and Codable")
    func statistics() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .naive, segmentBytes: 4096))
            defer { try? wal.close() }
            try appendSamples(wal, 0..<100)
            let stats = wal.statistics()
            #expect(stats.recordsAppended == 100)
            #expect(stats.appendCalls == 100)
            #expect(stats.payloadBytesAppended == UInt64((0..<100).map { samplePayload($0).count }.reduce(0, +)))
            #expect(stats.bytesAppended == UInt64((0..<100).map { WALRecord.encodedSize(payloadBytes: samplePayload($0).count) }.reduce(0, +)))
            // Naive: one fdatasync per append, plus one per seal.
            #expect(stats.fsyncCount == 100 + stats.segmentsSealed)
            #expect(stats.fsyncLatency.totalCount == stats.fsyncCount)
            #expect(stats.segmentCount == Int(stats.segmentsSealed) + 1)
            #expect(stats.lastLSN == 100 && stats.durableLSN == 100)
            #expect(stats.failure == nil)
            let decoded = try JSONDecoder().decode(WALStatistics.self, from: JSONEncoder().encode(stats))
            #expect(decoded.fsyncCount == stats.fsyncCount)
            #expect(decoded.groupSizes.totalCount == stats.groupSizes.totalCount)
        }
    }

    @Test("appendAsync acknowledges like the blocking path")
    func asyncAppend() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vecbench-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let wal = try WriteAheadLog.open(directory: url.path, configuration: .init(syncPolicy: .always))
        var batch = WALBatch()
        batch.append(kind: 3, payload: [1, 2])
        batch.append(kind: 4, payload: [3])
        let ack = try await wal.appendAsync(batch)
        #expect(ack == WALAcknowledgement(firstLSN: 1, lastLSN: 2, durability: .synced))
        #expect(try wal.records() == [WALRecord(lsn: 1, kind: 3, payload: [1, 2]), WALRecord(lsn: 2, kind: 4, payload: [3])])
        try wal.close()
    }
}
