import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

/// The last acknowledged record damaged in place (a flipped byte, not a torn
/// write): corruption, refused or skipped and reported as the recovery policy
/// says, and its LSN never reused.
@Suite("WAL corrupt tail")
struct WALCorruptTailTests {
    static func configuration(_ policy: WALRecoveryPolicy) -> WALConfiguration {
        WALConfiguration(syncPolicy: .always, segmentBytes: 256 << 10, recoveryPolicy: policy)
    }

    /// Where in the last record a byte is flipped.
    enum Spot: String, CaseIterable {
        case length, kind, lsn, payload, padding, crc
    }

    /// 10 records, the last with a 45-byte payload (3 bytes of padding).
    static func makeLog(_ directory: String) throws -> (records: [WALRecord], lastOffset: Int) {
        let wal = try WriteAheadLog.open(directory: directory, configuration: configuration(.tolerateTail))
        var records = try appendSamples(wal, 0..<9)
        let payload = (0..<45).map { UInt8($0 + 1) }
        let ack = try wal.append(kind: 7, payload: payload)
        records.append(WALRecord(lsn: ack.lsn, kind: 7, payload: payload))
        try wal.close()
        return (records, recordOffsets(records).last!)
    }

    static func offset(of spot: Spot, in record: Int) -> (Int, UInt8) {
        switch spot {
        case .length: (record + 1, 0x01)       // 45 → 301: still under the limit, runs into zeros
        case .kind: (record + 4, 0x10)
        case .lsn: (record + 8, 0x04)
        case .payload: (record + 16 + 20, 0x80)
        case .padding: (record + 16 + 45, 0x01)
        case .crc: (record + WALRecord.encodedSize(payloadBytes: 45) - 2, 0x40)
        }
    }

    @Test("a flipped byte in the last record is refused as corruption naming path, offset and LSN", arguments: Spot.allCases)
    func refused(_ spot: Spot) throws {
        try withTemporaryDirectory { directory in
            let (_, last) = try Self.makeLog(directory)
            let path = try segmentPaths(directory)[0]
            var raw = try readBytes(path)
            let (offset, mask) = Self.offset(of: spot, in: last)
            raw[offset] ^= mask
            try writeBytes(raw, to: path)
            for policy in [WALRecoveryPolicy.strict, .tolerateTail] {
                let error = walError { _ = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(policy)) }
                guard case .corrupt(let corruption) = error else {
                    Issue.record("\(spot), \(policy.rawValue): expected corruption, got \(String(describing: error))")
                    continue
                }
                #expect(corruption.path == path && corruption.offset == last && corruption.lsn == 10, "\(corruption)")
            }
            // The refusal changed nothing: the damaged bytes are still there.
            #expect(try readBytes(path) == raw)
        }
    }

    @Test("skip-corrupt drops the damaged record, reports its LSN, and never reuses it", arguments: Spot.allCases)
    func skipped(_ spot: Spot) throws {
        try withTemporaryDirectory { directory in
            let (records, last) = try Self.makeLog(directory)
            let path = try segmentPaths(directory)[0]
            var raw = try readBytes(path)
            let (offset, mask) = Self.offset(of: spot, in: last)
            raw[offset] ^= mask
            try writeBytes(raw, to: path)
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.skipCorrupt))
            #expect(try wal.records() == Array(records.prefix(9)))
            let skipped = wal.recovery.corruptSkipped
            #expect(skipped.count == 1 && skipped[0].lsns.contains(10) && skipped[0].reason == .corruptSkippedNow, "\(skipped)")
            #expect(skipped.first?.detail?.contains("LSN 10") == true)
            let ack = try wal.append(kind: 1, payload: [1, 2, 3])
            #expect(ack.lsn > skipped[0].lsns.upperBound)
            try wal.close()
            // Later openings (any policy) still report the skip, as an earlier one.
            let again = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.tolerateTail))
            #expect(again.recovery.corruptSkipped.map(\.reason) == [.corruptSkippedEarlier])
            #expect(try again.records() == Array(records.prefix(9)) + [WALRecord(lsn: ack.lsn, kind: 1, payload: [1, 2, 3])])
            try again.close()
        }
    }

    @Test("skip-corrupt bridges damage in the middle of the open segment with a gap; records after it survive")
    func middle() throws {
        try withTemporaryDirectory { directory in
            let (records, _) = try Self.makeLog(directory)
            let path = try segmentPaths(directory)[0]
            var raw = try readBytes(path)
            let offsets = recordOffsets(records)
            raw[offsets[4] + 17] ^= 0x20
            try writeBytes(raw, to: path)
            let error = walError { _ = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.tolerateTail)) }
            guard case .corrupt(let corruption) = error else { Issue.record("expected corruption, got \(String(describing: error))"); return }
            #expect(corruption.lsn == 5 && corruption.validRecordLSN == 6)
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.skipCorrupt))
            #expect(try wal.records().map(\.lsn) == [1, 2, 3, 4, 6, 7, 8, 9, 10])
            #expect(wal.recovery.corruptSkipped.map(\.lsns) == [5...5])
            #expect(try wal.append(kind: 1, payload: []).lsn == 11)
            try wal.close()
        }
    }

    @Test("strict refuses a torn tail; tolerate-tail cuts it")
    func strictTornTail() throws {
        try withTemporaryDirectory { directory in
            let (records, last) = try Self.makeLog(directory)
            let path = try segmentPaths(directory)[0]
            var raw = try readBytes(path)
            for index in (last + 24)..<(last + WALRecord.encodedSize(payloadBytes: 45)) { raw[index] = 0 }
            try writeBytes(raw, to: path)
            let error = walError { _ = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.strict)) }
            guard case .corrupt(let corruption) = error else { Issue.record("expected a refusal, got \(String(describing: error))"); return }
            #expect(corruption.reason.contains("torn tail"))
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.tolerateTail))
            #expect(wal.recovery.tornTail?.offset == last)
            #expect(try wal.records() == Array(records.prefix(9)))
            try wal.close()
        }
    }

    @Test("advance(past:) makes the next LSN continue above, across reopening and rolls")
    func advance() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.tolerateTail))
            try wal.append(kind: 1, payload: [1])
            #expect(try wal.advance(past: 500) == 2...500)
            #expect(try wal.advance(past: 100) == nil)
            #expect(try wal.append(kind: 1, payload: [2]).lsn == 501)
            try wal.close()
            let again = try WriteAheadLog.open(directory: directory, configuration: Self.configuration(.strict))
            #expect(again.recovery.nextLSN == 502)
            #expect(again.recovery.skipped.map(\.reason) == [.advanced])
            #expect(try again.records().map(\.lsn) == [1, 501])
            #expect(try again.records(from: 300).map(\.lsn) == [501])
            try again.close()
        }
    }
}
