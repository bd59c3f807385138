import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

@Suite("WAL torn tails")
struct WALTornTailTests {
    static let configuration = WALConfiguration(syncPolicy: .always, segmentBytes: 256 << 10)

    /// How the bytes of a record after the tear point look after the crash.
    enum Tear: String, CaseIterable {
        /// Never written: the preallocated zeros.
        case zeros
        /// The file ends at the tear (no preallocation).
        case truncated
        /// Garbage (a torn sector with old or random content).
        case garbage
    }

    /// Writes `count` records with one segment, closes, returns them.
    static func makeLog(_ directory: String, count: Int) throws -> [WALRecord] {
        let wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
        let records = try appendSamples(wal, 0..<count)
        try wal.close()
        return records
    }

    static func tear(_ path: String, at cut: Int, recordEnd: Int, how tear: Tear) throws {
        var raw = try readBytes(path)
        switch tear {
        case .zeros:
            for index in cut..<recordEnd { raw[index] = 0 }
        case .truncated:
            raw.removeSubrange(cut...)
        case .garbage:
            for index in cut..<recordEnd { raw[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 0x5A) | 1 }
        }
        try writeBytes(raw, to: path)
    }

    @Test("a tear at every byte offset of the last record loses only that record", arguments: Tear.allCases)
    func everyOffset(_ tear: Tear) throws {
        try withTemporaryDirectory { directory in
            let original = directory + "/original"
            var records = try Self.makeLog(original, count: 12)
            // Make the last record long enough to tear through every field.
            let wal = try WriteAheadLog.open(directory: original, configuration: Self.configuration)
            let lastPayload = (0..<45).map { UInt8($0 + 1) }
            try wal.append(kind: 0xEE, payload: lastPayload)
            try wal.close()
            records.append(WALRecord(lsn: 13, kind: 0xEE, payload: lastPayload))

            let start = recordOffsets(records).last!
            let size = WALRecord.encodedSize(payloadBytes: lastPayload.count)
            let intact = Array(records.dropLast())
            for cut in start..<(start + size) {
                let copy = directory + "/cut-\(cut)"
                try copyDirectory(original, to: copy)
                let path = try segmentPaths(copy)[0]
                let before = try readBytes(path)
                try Self.tear(path, at: cut, recordEnd: start + size, how: tear)

                if tear == .garbage {
                    // Garbage where a complete record was is not what a torn
                    // write leaves (unwritten bytes read as zeros): it must
                    // be refused, or skipped and reported, never cut silently.
                    try Self.checkGarbage(copy, path: path, start: start, intact: intact, cut: cut)
                    try FileManager.default.removeItem(atPath: copy)
                    continue
                }
                // Zeros over bytes that were zero already (the CRC's top
                // byte is zero for one segment salt in 256) change nothing:
                // the record is whole and stays.
                let unchanged = tear == .zeros && before[cut..<(start + size)].allSatisfy { $0 == 0 }
                let survivors = unchanged ? records : intact
                let reopened = try WriteAheadLog.open(directory: copy, configuration: Self.configuration)
                #expect(try reopened.records() == survivors, "cut at \(cut) (\(tear))")
                #expect(reopened.recovery.nextLSN == UInt64(survivors.count + 1))
                // A tear that left only zero bytes is indistinguishable from the end of the log.
                let leftover = !unchanged && before[start..<cut].contains { $0 != 0 }
                #expect((reopened.recovery.tornTail != nil) == leftover, "cut at \(cut) (\(tear))")
                if let torn = reopened.recovery.tornTail {
                    #expect(torn.offset == start)
                    #expect(torn.damageOffset == start)
                }
                // The tail was zeroed and new appends land where the torn record was.
                let after = try readBytes(path)
                if !unchanged {
                    #expect(after[start..<min(after.count, start + size)].allSatisfy { $0 == 0 }, "cut at \(cut)")
                }
                let ack = try reopened.append(kind: 9, payload: [42, 43])
                #expect(ack.lsn == UInt64(survivors.count + 1))
                try reopened.close()

                let again = try WriteAheadLog.open(directory: copy, configuration: Self.configuration)
                #expect(again.recovery.tornTail == nil)
                #expect(try again.records() == survivors + [WALRecord(lsn: ack.lsn, kind: 9, payload: [42, 43])])
                try again.close()
                try FileManager.default.removeItem(atPath: copy)
            }
        }
    }

    /// Garbage over the last record: refused as corruption under
    /// `tolerate-tail` (naming path, offset, LSN 13), unless it reads as a
    /// torn prefix; with `skip-corrupt`, LSN 13 is reported skipped and never reused.
    static func checkGarbage(_ copy: String, path: String, start: Int, intact: [WALRecord], cut: Int) throws {
        let error = walError {
            let reopened = try WriteAheadLog.open(directory: copy, configuration: configuration)
            #expect(try reopened.records() == intact, "cut at \(cut) (garbage)")
            #expect(reopened.recovery.tornTail != nil, "cut at \(cut): garbage vanished without a report")
            try reopened.close()
        }
        guard let error else { return }
        let corruption: WALCorruption? = if case .corrupt(let found) = error { found } else { nil }
        #expect(corruption?.path == path && corruption?.offset == start && corruption?.lsn == 13, "cut at \(cut): \(error)")
        var skipping = configuration
        skipping.recoveryPolicy = .skipCorrupt
        let reopened = try WriteAheadLog.open(directory: copy, configuration: skipping)
        #expect(try reopened.records() == intact, "cut at \(cut) (garbage, skip-corrupt)")
        #expect(reopened.recovery.corruptSkipped.contains { $0.lsns.contains(13) && $0.reason == .corruptSkippedNow },
                "cut at \(cut): \(reopened.recovery.skipped)")
        let ack = try reopened.append(kind: 9, payload: [42])
        #expect(ack.lsn > 13, "cut at \(cut): LSN \(ack.lsn) reused")
        try reopened.close()
    }

    @Test("a batch torn anywhere is dropped whole: never half a batch", arguments: [Tear.zeros, .truncated])
    func tornBatch(_ tear: Tear) throws {
        try withTemporaryDirectory { directory in
            let original = directory + "/original"
            let records = try Self.makeLog(original, count: 5)
            let wal = try WriteAheadLog.open(directory: original, configuration: Self.configuration)
            var batch = WALBatch()
            let payloads: [[UInt8]] = [[1, 2, 3], Array(repeating: 7, count: 20), [9]]
            for payload in payloads { batch.append(kind: 2, payload: payload) }
            try wal.append(batch)
            try wal.close()

            let start = recordOffsets(records).last! + WALRecord.encodedSize(payloadBytes: records.last!.payload.count)
            let sizes = payloads.map { WALRecord.encodedSize(payloadBytes: $0.count) }
            let end = start + sizes.reduce(0, +)
            for cut in start..<end {
                let copy = directory + "/cut-\(cut)"
                try copyDirectory(original, to: copy)
                try Self.tear(try segmentPaths(copy)[0], at: cut, recordEnd: end, how: tear)
                let reopened = try WriteAheadLog.open(directory: copy, configuration: Self.configuration)
                #expect(try reopened.records() == records, "cut at \(cut)")
                // Complete records of the cut batch are counted as discarded.
                let complete = cut >= start + sizes[0] + sizes[1] ? 2 : cut >= start + sizes[0] ? 1 : 0
                if cut == start {
                    #expect(reopened.recovery.tornTail == nil)
                } else {
                    #expect(reopened.recovery.tornTail?.discardedRecords == complete, "cut at \(cut)")
                    #expect(reopened.recovery.tornTail?.offset == start)
                }
                try reopened.close()
                try FileManager.default.removeItem(atPath: copy)
            }
        }
    }

    @Test("the preallocated zeros after the last record are the end of the log, not damage")
    func preallocatedZeros() throws {
        try withTemporaryDirectory { directory in
            let records = try Self.makeLog(directory, count: 30)
            let path = try segmentPaths(directory)[0]
            #expect(try readBytes(path).count == Self.configuration.segmentBytes)
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            #expect(wal.recovery.tornTail == nil)
            #expect(wal.recovery.openSegmentRecords == 30)
            #expect(try wal.records() == records)
            try wal.close()
            // An empty log (header, then only zeros) as well.
            try withTemporaryDirectory { empty in
                try WriteAheadLog.open(directory: empty, configuration: Self.configuration).close()
                let reopened = try WriteAheadLog.open(directory: empty, configuration: Self.configuration)
                #expect(reopened.recovery.tornTail == nil && reopened.recovery.nextLSN == 1)
                #expect(try reopened.records().isEmpty)
                try reopened.close()
            }
        }
    }

    @Test("garbage far past the last record, with no valid record in it, is a torn tail and is zeroed")
    func garbageInPreallocatedSpace() throws {
        try withTemporaryDirectory { directory in
            let records = try Self.makeLog(directory, count: 10)
            let path = try segmentPaths(directory)[0]
            var raw = try readBytes(path)
            let end = recordOffsets(records).last! + WALRecord.encodedSize(payloadBytes: records.last!.payload.count)
            for index in (end + 5000)..<(end + 5100) { raw[index] = 0xFF }
            try writeBytes(raw, to: path)
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            #expect(wal.recovery.tornTail?.offset == end)
            #expect(wal.recovery.tornTail?.bytesZeroed == 5100)
            #expect(try wal.records() == records)
            try wal.close()
            #expect(try readBytes(path)[end...].allSatisfy { $0 == 0 })
        }
    }
}
