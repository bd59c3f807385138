import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorWAL

/// A fresh directory for one test, named for this target (fault-injection
/// rules key on its unique name).
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    try TestSupport.withTemporaryDirectory(label: "wal", body)
}

/// Segment files of a WAL directory, oldest first.
func segmentPaths(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { WALSegmentHeader.sequence(fromFileName: $0) != nil }
        .sorted()
        .map { directory + "/" + $0 }
}

/// A deterministic payload for a record number: 0–300 bytes.
func samplePayload(_ number: Int, maximum: Int = 300) -> [UInt8] {
    var state = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 &+ 1
    let count = Int((state >> 7) % UInt64(maximum + 1))
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

/// Runs `body` and returns the `WALError` it threw (nil if none; another
/// error type is recorded as a test issue).
func walError(_ body: () throws -> Void) -> WALError? {
    do {
        try body()
        return nil
    } catch let error as WALError {
        return error
    } catch {
        Issue.record("expected a WALError, got \(error)")
        return nil
    }
}

/// Runs `body(index)` on `count` threads at once and waits for all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    group.wait()
}

/// Appends records 0..<count (payload `samplePayload(n)`, kind n % 256) and
/// returns what the log should then hold.
@discardableResult
func appendSamples(_ wal: WriteAheadLog, _ numbers: Range<Int>, firstLSN: UInt64 = 1) throws -> [WALRecord] {
    var records: [WALRecord] = []
    for number in numbers {
        let payload = samplePayload(number)
        let ack = try wal.append(kind: UInt8(number % 256), payload: payload)
        records.append(WALRecord(lsn: ack.lsn, kind: UInt8(number % 256), payload: payload))
    }
    return records
}

/// The byte offset of each record in a segment, given the records it holds
/// in order (recomputed from the layout, independently of the scanner).
func recordOffsets(_ records: [WALRecord]) -> [Int] {
    var offsets: [Int] = []
    var offset = WALSegmentHeader.byteCount
    for record in records {
        offsets.append(offset)
        offset += WALRecord.encodedSize(payloadBytes: record.payload.count)
    }
    return offsets
}

/// A copy of `directory` at `destination` (files only), for trying many
/// damages on one log.
func copyDirectory(_ directory: String, to destination: String) throws {
    try? FileManager.default.removeItem(atPath: destination)
    try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != "LOCK" {
        try FileManager.default.copyItem(atPath: directory + "/" + name, toPath: destination + "/" + name)
    }
}

/// A thread-safe list, for results collected on many threads.
final class Collected<Element: Sendable>: @unchecked Sendable {
    private var items: [Element] = []
    private let lock = NSLock()

    func append(_ item: Element) { lock.withLock { items.append(item) } }
    func append(contentsOf more: [Element]) { lock.withLock { items.append(contentsOf: more) } }
    var all: [Element] { lock.withLock { items } }
}
