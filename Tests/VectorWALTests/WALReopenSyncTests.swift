import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

/// Reopening a log skips recovery's fdatasync only when nothing can be
/// unsynced: this process closed the open segment with everything synced,
/// nobody changed it since, and recovery wrote nothing. An injected
/// fdatasync failure on the segment tells whether the open synced.
@Suite("WAL reopen sync")
struct WALReopenSyncTests {
    static let configuration = WALConfiguration(syncPolicy: .never, segmentBytes: 1 << 20)

    /// Opens the log with every fdatasync of `segment` failing; true when
    /// the open did not sync (it succeeded), false when it tried.
    static func openSkippedSync(_ directory: String, segment: String) throws -> Bool {
        let handle = FaultInjection.install(.init(operation: "fdatasync", pathSuffix: segment, errno: EIO))
        defer { FaultInjection.remove(handle) }
        let wal: WriteAheadLog
        do throws(WALError) {
            wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
        } catch {
            #expect(error == .system(SystemError(operation: "fdatasync", path: segment, errno: EIO)))
            return false
        }
        FaultInjection.remove(handle)
        try wal.close()
        return true
    }

    /// A log with a few records, closed (so synced) by this process.
    static func closedLog(_ directory: String) throws -> String {
        let wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
        for number in 0..<5 { _ = try wal.append(kind: 1, payload: samplePayload(number)) }
        let segment = wal.recovery.openSegmentPath
        try wal.close()
        return segment
    }

    @Test("a log this process closed cleanly reopens without an fdatasync, and its records are all there")
    func cleanReopenSkips() throws {
        try withTemporaryDirectory { directory in
            let segment = try Self.closedLog(directory)
            #expect(try Self.openSkippedSync(directory, segment: segment))
            // The entry was taken by that open and put back by its close.
            #expect(try Self.openSkippedSync(directory, segment: segment))
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            #expect(wal.recovery.openSegmentRecords == 5)
            #expect(wal.recovery.tornTail == nil)
            try wal.close()
        }
    }

    @Test("a log whose file changed after the close (another writer) is synced on open")
    func changedFileSyncs() throws {
        try withTemporaryDirectory { directory in
            let segment = try Self.closedLog(directory)
            // Another writer's mark: the modification time moves (set far
            // back, so the file system's timestamp granularity cannot hide it).
            var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, segment, &times, 0) == 0)
            #expect(try !Self.openSkippedSync(directory, segment: segment))
        }
    }

    @Test("a torn tail cut off on reopen is synced, even in a file this process closed cleanly")
    func repairSyncs() throws {
        try withTemporaryDirectory { directory in
            let segment = try Self.closedLog(directory)
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            let offset = wal.condition.withLock { wal.writeOffset }
            let end = try FileDescriptor.openForReading(segment).size()
            try wal.close()
            // The first bytes of record 6 (64-byte payload) after the last
            // record: a torn tail the next open must zero (and then sync).
            #expect(offset < end)
            let file = try FileDescriptor.open(segment, flags: O_RDWR)
            let garbage: [UInt8] = [0x40, 0, 0, 0, 7, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]
            try garbage.withUnsafeBytes { bytes in try file.write(bytes, at: offset) }
            #expect(try !Self.openSkippedSync(directory, segment: segment))
            let reopened = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            // The failed open had zeroed the tail before its sync failed.
            #expect(reopened.recovery.tornTail == nil)
            #expect(reopened.recovery.openSegmentRecords == 5)
            try reopened.close()
        }
    }

    @Test("a log closed after a failed sync is synced on its next open")
    func failedLogSyncs() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: Self.configuration)
            let segment = wal.recovery.openSegmentPath
            _ = try wal.append(kind: 1, payload: [1, 2, 3])
            let handle = FaultInjection.install(.init(operation: "fdatasync", pathSuffix: segment, errno: EIO, times: 1))
            #expect(throws: WALError.self) { try wal.close() }
            FaultInjection.remove(handle)
            #expect(try !Self.openSkippedSync(directory, segment: segment))
        }
    }
}
