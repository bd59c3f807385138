import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

/// Injected write and sync failures: every pending acknowledgement fails
/// with the error, the log turns read-only, nothing crashes, and a reopen
/// recovers every record that was acknowledged.
@Suite("WAL failures")
struct WALFaultTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var operation: String
        var errno: Int32
        var policy: WALSyncPolicy
        var testDescription: String { "\(operation) \(errno == ENOSPC ? "ENOSPC" : "EIO") under \(policy)" }
    }

    static let cases: [Case] = [
        Case(operation: "pwrite", errno: ENOSPC, policy: .always),
        Case(operation: "pwrite", errno: EIO, policy: .always),
        Case(operation: "fdatasync", errno: EIO, policy: .always),
        Case(operation: "fdatasync", errno: ENOSPC, policy: .always),
        Case(operation: "fdatasync", errno: EIO, policy: .naive),
        Case(operation: "pwrite", errno: ENOSPC, policy: .never),
    ]

    @Test("concurrent writers: the fault fails every pending ack, later appends fail fast, reopen keeps every ack", arguments: cases)
    func fault(_ fault: Case) throws {
        try withTemporaryDirectory { directory in
            let configuration = WALConfiguration(syncPolicy: fault.policy, segmentBytes: 64 << 20)
            let wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            let path = wal.recovery.openSegmentPath
            let handle = FaultInjection.install(.init(
                operation: fault.operation, pathSuffix: path, errno: fault.errno, skip: 40, times: 1))
            defer { FaultInjection.remove(handle) }

            let acknowledged = Collected<WALRecord>()
            let failures = Collected<WALError>()
            onThreads(6) { thread in
                for sequence in 0..<100_000 {
                    let payload = samplePayload(thread * 1_000_000 + sequence)
                    do throws(WALError) {
                        let ack = try wal.append(kind: UInt8(thread), payload: payload)
                        acknowledged.append(WALRecord(lsn: ack.lsn, kind: UInt8(thread), payload: payload))
                    } catch {
                        failures.append(error)
                        return
                    }
                }
            }
            #expect(FaultInjection.remove(handle) == 1)
            // Every writer ended on the same error: the injected one.
            let expected = WALError.failed(SystemError(operation: fault.operation, path: path, errno: fault.errno))
            #expect(failures.all.count == 6)
            #expect(failures.all.allSatisfy { $0 == expected }, "\(failures.all)")
            #expect(wal.failureError == expected)
            #expect(walError { try wal.append(kind: 1, payload: [1]) } == expected)
            #expect(wal.statistics().failure != nil)
            // Read-only, not dead: replay still works.
            let visible = try wal.records()
            #expect(Set(visible.map(\.lsn)).isSuperset(of: acknowledged.all.map(\.lsn)))
            try? wal.close()

            let reopened = try WriteAheadLog.open(directory: directory, configuration: configuration)
            let recovered = Dictionary(uniqueKeysWithValues: try reopened.records().map { ($0.lsn, $0) })
            for record in acknowledged.all {
                #expect(recovered[record.lsn] == record)
            }
            #expect(acknowledged.all.count >= 40 / 2 || fault.policy == .always)
            // The reopened log accepts appends again.
            let ack = try reopened.append(kind: 1, payload: [1, 2, 3])
            #expect(ack.lsn == UInt64(recovered.count) + 1)
            try reopened.close()
        }
    }

    @Test("a failed sync while sealing a segment fails the append and keeps the sealed data")
    func failedSeal() throws {
        try withTemporaryDirectory { directory in
            let configuration = WALConfiguration(syncPolicy: .always, segmentBytes: 4096)
            let wal = try WriteAheadLog.open(directory: directory, configuration: configuration)
            let path = wal.recovery.openSegmentPath
            let handle = FaultInjection.install(.init(operation: "ftruncate", pathSuffix: path, errno: EIO, times: 1))
            defer { FaultInjection.remove(handle) }
            var acknowledged: [WALRecord] = []
            var failure: WALError?
            for number in 0..<1000 {
                do throws(WALError) {
                    let payload = samplePayload(number)
                    let ack = try wal.append(kind: 1, payload: payload)
                    acknowledged.append(WALRecord(lsn: ack.lsn, kind: 1, payload: payload))
                } catch {
                    failure = error
                    break
                }
            }
            #expect(failure == .failed(SystemError(operation: "ftruncate", path: path, errno: EIO)))
            #expect(wal.statistics().segmentCount == 1)
            try? wal.close()
            let reopened = try WriteAheadLog.open(directory: directory, configuration: configuration)
            #expect(try reopened.records() == acknowledged)
            try reopened.close()
        }
    }

    @Test("interval policy: a failed background sync turns appends read-only")
    func failedFlusher() throws {
        try withTemporaryDirectory { directory in
            let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .interval(milliseconds: 2)))
            let path = wal.recovery.openSegmentPath
            let handle = FaultInjection.install(.init(operation: "fdatasync", pathSuffix: path, errno: EIO))
            defer { FaultInjection.remove(handle) }
            var failure: WALError?
            for number in 0..<20_000 {
                do throws(WALError) {
                    try wal.append(kind: 1, payload: samplePayload(number))
                } catch {
                    failure = error
                    break
                }
                usleep(200)
            }
            #expect(failure == .failed(SystemError(operation: "fdatasync", path: path, errno: EIO)))
            FaultInjection.remove(handle)
            try? wal.close()
            let reopened = try WriteAheadLog.open(directory: directory)
            #expect(try reopened.records().count >= 1)
            try reopened.close()
        }
    }
}
