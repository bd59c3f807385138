import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

@Suite("WAL truncation")
struct WALTruncationTests {
    @Test("truncate drops whole sealed segments at or below the LSN, keeps everything above and the open segment")
    func truncate() throws {
        try withTemporaryDirectory { directory in
            let configuration = WALConfiguration(syncPolicy: .never, segmentBytes: 2048)
            let wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            let records = try appendSamples(wal, 0..<200)
            let before = try segmentPaths(directory)
            #expect(before.count > 5)

            let cut: UInt64 = 120
            let result = try wal.truncate(upTo: cut)
            #expect(result.segmentsRemoved > 0)
            #expect(result.oldestLSN <= cut + 1)
            #expect(wal.oldestLSN == result.oldestLSN)
            let after = try segmentPaths(directory)
            #expect(after == Array(before.dropFirst(result.segmentsRemoved)))
            let kept = try wal.records()
            #expect(kept.first?.lsn == result.oldestLSN)
            #expect(kept == records.filter { $0.lsn >= result.oldestLSN })
            #expect(Set(kept.map(\.lsn)).isSuperset(of: (cut + 1)...200))
            // Idempotent, and the segment holding `cut` itself stays.
            #expect(try wal.truncate(upTo: cut).segmentsRemoved == 0)

            // Past the end: every sealed segment goes, the open one stays.
            let all = try wal.truncate(upTo: .max)
            #expect(try segmentPaths(directory) == [after.last!])
            #expect(wal.statistics().segmentCount == 1)
            #expect(all.oldestLSN == wal.oldestLSN)
            let remaining = try wal.records()
            #expect(remaining == records.filter { $0.lsn >= all.oldestLSN })
            try wal.append(kind: 1, payload: [1])
            try wal.close()

            // Reopen: the log starts at the open segment's first LSN.
            let reopened = try WriteAheadLog.open(directory: directory, configuration: configuration)
            #expect(reopened.recovery.oldestLSN == all.oldestLSN)
            #expect(try reopened.records() == remaining + [WALRecord(lsn: 201, kind: 1, payload: [1])])
            try reopened.close()
        }
    }
}
