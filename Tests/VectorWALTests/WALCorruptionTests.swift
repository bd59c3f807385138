import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

@Suite("WAL corruption")
struct WALCorruptionTests {
    static func corruption(_ error: WALError?) -> WALCorruption? {
        if case .corrupt(let corruption) = error { return corruption }
        Issue.record("expected WALError.corrupt, got \(String(describing: error))")
        return nil
    }

    static func flip(_ path: String, byte: Int, bit: Int) throws {
        var raw = try readBytes(path)
        raw[byte] ^= UInt8(1 << bit)
        try writeBytes(raw, to: path)
    }

    @Test("a flipped bit anywhere in a record before the last of the open segment is corruption naming path, offset and LSN")
    func openSegmentFlip() throws {
        try withTemporaryDirectory { directory in
            let original = directory + "/original"
            let wal = try WriteAheadLog.open(directory: original, configuration: .init(syncPolicy: .always, segmentBytes: 64 << 10))
            let records = try appendSamples(wal, 0..<8)
            try wal.close()
            let offsets = recordOffsets(records)
            let victim = 5  // LSN 6; LSNs 7 and 8 follow
            let size = WALRecord.encodedSize(payloadBytes: records[victim].payload.count)
            for byte in offsets[victim]..<(offsets[victim] + size) {
                let copy = directory + "/flip-\(byte)"
                try copyDirectory(original, to: copy)
                let path = try segmentPaths(copy)[0]
                try Self.flip(path, byte: byte, bit: byte % 8)
                let error = walError { _ = try WriteAheadLog.open(directory: copy) }
                guard let corruption = Self.corruption(error) else { continue }
                #expect(corruption.path == path)
                #expect(corruption.offset == offsets[victim], "flip at \(byte)")
                #expect(corruption.lsn == records[victim].lsn)
                #expect(!corruption.sealed)
                #expect(corruption.validRecordLSN == records[victim + 1].lsn, "flip at \(byte)")
                #expect(corruption.validRecordOffset == offsets[victim + 1])
                #expect(corruption.description.contains(path) && corruption.description.contains("byte \(offsets[victim])"))
                try FileManager.default.removeItem(atPath: copy)
            }
        }
    }

    @Test("a flipped bit in a sealed segment fails replay strictly, even in its last record")
    func sealedSegmentFlip() throws {
        try withTemporaryDirectory { directory in
            let original = directory + "/original"
            let wal = try WriteAheadLog.open(directory: original, configuration: .init(syncPolicy: .never, segmentBytes: 2048))
            let records = try appendSamples(wal, 0..<60)
            try wal.close()
            let paths = try segmentPaths(original)
            #expect(paths.count > 3)
            // Segment 2's records: those with LSNs from its header's first LSN up to segment 3's.
            let second = try readBytes(paths[1])
            let third = try readBytes(paths[2])
            let first = second[24..<32].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let next = third[24..<32].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let inSegment = records.filter { $0.lsn >= first && $0.lsn < next }
            let offsets = recordOffsets(inSegment)
            #expect(second.count == offsets.last! + WALRecord.encodedSize(payloadBytes: inSegment.last!.payload.count))
            for (index, record) in inSegment.enumerated() {
                for byte in [offsets[index], offsets[index] + 9, offsets[index] + WALRecord.encodedSize(payloadBytes: record.payload.count) - 1] {
                    let copy = directory + "/flip-\(byte)"
                    try copyDirectory(original, to: copy)
                    let path = try segmentPaths(copy)[1]
                    try Self.flip(path, byte: byte, bit: 3)
                    let reopened = try WriteAheadLog.open(directory: copy)
                    // Records before the damaged segment are delivered, then replay stops.
                    var delivered: [UInt64] = []
                    let error = walError { try reopened.forEachRecord { delivered.append($0.lsn) } }
                    if let corruption = Self.corruption(error) {
                        #expect(corruption.sealed)
                        #expect(corruption.path == path)
                        #expect(corruption.offset == offsets[index], "flip at \(byte)")
                        #expect(corruption.lsn == record.lsn)
                    }
                    #expect(delivered.last.map { $0 < record.lsn } ?? true)
                    // Replaying from after the damaged segment does not read it.
                    #expect(try reopened.records(from: next).count == records.count - Int(next) + 1)
                    try reopened.close()
                    try FileManager.default.removeItem(atPath: copy)
                }
            }
        }
    }

    @Test("a sealed segment cut short, a damaged header or a missing segment are errors")
    func structuralDamage() throws {
        try withTemporaryDirectory { directory in
            let original = directory + "/original"
            let wal = try WriteAheadLog.open(directory: original, configuration: .init(syncPolicy: .never, segmentBytes: 2048))
            try appendSamples(wal, 0..<60)
            try wal.close()

            // Cut short: the last few bytes of sealed segment 1 are gone.
            var copy = directory + "/short"
            try copyDirectory(original, to: copy)
            var path = try segmentPaths(copy)[0]
            var raw = try readBytes(path)
            try writeBytes(Array(raw.dropLast(3)), to: path)
            var reopened = try WriteAheadLog.open(directory: copy)
            let corruption = Self.corruption(walError { try reopened.verify() })
            #expect(corruption?.sealed == true && corruption?.path == path)
            try reopened.close()

            // Damaged header.
            copy = directory + "/header"
            try copyDirectory(original, to: copy)
            path = try segmentPaths(copy)[1]
            try Self.flip(path, byte: 30, bit: 0)
            #expect(walError { _ = try WriteAheadLog.open(directory: copy) } == .badSegment(path: path, reason: "header CRC mismatch"))

            // A segment missing from the middle.
            copy = directory + "/missing"
            try copyDirectory(original, to: copy)
            path = try segmentPaths(copy)[2]
            try FileManager.default.removeItem(atPath: path)
            if case .badSegment(let named, _) = walError({ _ = try WriteAheadLog.open(directory: copy) }) {
                #expect(named == path)
            } else {
                Issue.record("a missing segment was not reported")
            }

            // A stale valid record copied over the open segment's end: the LSN gives it away.
            copy = directory + "/stale"
            try copyDirectory(original, to: copy)
            path = try segmentPaths(copy).last!
            reopened = try WriteAheadLog.open(directory: copy)
            let end = reopened.recovery.openSegmentRecords
            try #require(end > 0 && reopened.recovery.segments > 1)
            try reopened.close()
            raw = try readBytes(path)
            let firstRecordSize = WALRecord.encodedSize(
                payloadBytes: Int(raw[64]) | Int(raw[65]) << 8)
            var offset = 64
            var records = end
            while records > 0 {
                offset += WALRecord.encodedSize(payloadBytes: Int(raw[offset]) | Int(raw[offset + 1]) << 8)
                records -= 1
            }
            raw.replaceSubrange(offset..<(offset + firstRecordSize), with: raw[64..<(64 + firstRecordSize)])
            try writeBytes(raw, to: path)
            let stale = Self.corruption(walError { _ = try WriteAheadLog.open(directory: copy) })
            #expect(stale?.offset == offset && stale?.validRecordOffset == offset)
        }
    }
}
