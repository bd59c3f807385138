import TestSupport
import Foundation
import Testing
import VectorCore
@testable import VectorWAL

/// kill -9 crash test: a child process (`vecbench wal-torture`) appends with
/// fsync always from several threads and prints every acknowledgement; the
/// parent kills it with SIGKILL at a random point, reopens the log, and checks
/// that every acknowledged record is there with its exact payload and that
/// every record present is one the child generated (nothing unsent, nothing
/// twice). Repeated over many runs on the same log.
@Suite("WAL crash (kill -9)")
struct WALCrashTests {
    static let runs = 24

    /// The test bundle runs from .build/<triple>/debug/; `swift build
    /// --build-tests` puts the vecbench executable next to it.
    static func vecbenchBinary() -> String? { try? VecbenchExecutable.path() }

    /// What an acknowledged record must be.
    struct Expected: Hashable {
        var run: UInt32
        var thread: UInt32
        var sequence: UInt64
    }

    /// Runs the child until it has printed `acks` acknowledgements (or died),
    /// kills it with SIGKILL, and returns the complete `ack` lines it printed
    /// plus anything else it said.
    static func runChild(binary: String, directory: String, run: UInt32, killAfter acks: Int, extraMicroseconds: UInt32)
        throws -> (acks: [String], other: [String], status: Int32, killed: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["wal-torture", "--dir", directory, "--run", String(run), "--threads", "4"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let reader = output.fileHandleForReading.fileDescriptor
        var text = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var killed = false
        var seen = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            text.append(contentsOf: buffer[0..<got])
            seen += buffer[0..<got].filter { $0 == UInt8(ascii: "\n") }.count
            if !killed && seen >= acks {
                if extraMicroseconds > 0 { usleep(extraMicroseconds) }
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        let stderrText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // A line cut by the kill has no newline: it was never a complete ack.
        var lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        let acks = lines.filter { $0.hasPrefix("ack ") }
        let other = lines.filter { !$0.hasPrefix("ack ") } + (stderrText.isEmpty ? [] : ["stderr: " + stderrText])
        return (acks, other, process.terminationStatus, killed)
    }

    @Test("kill -9 at random points, 24 times: nothing acknowledged is lost, nothing unsent appears")
    func killNine() throws {
        guard let binary = Self.vecbenchBinary() else {
            Issue.record("""
                the vecbench executable was not found next to the test bundle (\(CommandLine.arguments.first ?? "?")); \
                build it with `swift build --build-tests` (or set VECBENCH_BINARY) — this crash test cannot run without it
                """)
            return
        }
        try withTemporaryDirectory { root in
            let directory = root + "/wal"
            var ledger: [UInt64: Expected] = [:]
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var tornTails = 0
            var unacknowledged = 0
            for run in 0..<UInt32(Self.runs) {
                let target = Int.random(in: 1...400, using: &generator)
                let extra = UInt32.random(in: 0...3000, using: &generator)
                let child = try Self.runChild(binary: binary, directory: directory, run: run, killAfter: target, extraMicroseconds: extra)
                guard child.killed, child.status == SIGKILL else {
                    Issue.record("""
                        run \(run): the child was not killed mid-run (status \(child.status)); is WALTortureCommand \
                        registered in Vecbench.swift? It said: \(child.other.prefix(5).joined(separator: " | "))
                        """)
                    return
                }
                kills += 1
                #expect(child.other.filter { $0.hasPrefix("error") }.isEmpty, "run \(run): \(child.other)")
                for line in child.acks {
                    let fields = line.split(separator: " ")
                    guard fields.count == 6, let first = UInt64(fields[1]), let last = UInt64(fields[2]),
                          let runNumber = UInt32(fields[3]), let thread = UInt32(fields[4]), let sequence = UInt64(fields[5])
                    else {
                        Issue.record("run \(run): malformed line '\(line)'")
                        continue
                    }
                    for lsn in first...last {
                        let expected = Expected(run: runNumber, thread: thread, sequence: sequence + lsn - first)
                        if let earlier = ledger[lsn], earlier != expected {
                            Issue.record("LSN \(lsn) acknowledged twice: \(earlier) and \(expected)")
                        }
                        ledger[lsn] = expected
                    }
                }

                // Reopen (recovery cuts any torn tail) and check the whole log.
                let wal = try WriteAheadLog.open(directory: directory, configuration: .init(syncPolicy: .always, segmentBytes: 64 << 10))
                var present: [UInt64: [UInt8]] = [:]
                var identities = Set<Expected>()
                try wal.forEachRecord { record in
                    let payload = Array(record.payload)
                    present[record.lsn] = payload
                    guard payload.count >= 16 else {
                        Issue.record("LSN \(record.lsn): payload of \(payload.count) bytes was never sent")
                        return
                    }
                    let identity = payload.withUnsafeBytes { raw in
                        Expected(run: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
                                 thread: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
                                 sequence: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
                    }
                    // Nothing unsent: every record is exactly a payload some child generated, once.
                    if identity.run > run || identity.thread >= 4
                        || payload != WALTorturePayload.bytes(run: identity.run, thread: identity.thread, sequence: identity.sequence) {
                        Issue.record("LSN \(record.lsn): a record no child sent (\(identity))")
                    }
                    if !identities.insert(identity).inserted {
                        Issue.record("LSN \(record.lsn): \(identity) appears twice")
                    }
                }
                var lost = 0
                for (lsn, expected) in ledger {
                    let payload = WALTorturePayload.bytes(run: expected.run, thread: expected.thread, sequence: expected.sequence)
                    if present[lsn] != payload { lost += 1 }
                }
                #expect(lost == 0, "run \(run): \(lost) of \(ledger.count) acknowledged records lost or changed")
                #expect(present.count >= ledger.count)
                if wal.recovery.tornTail != nil { tornTails += 1 }
                unacknowledged = present.count - ledger.count
                try wal.close()
            }
            print("wal crash test: \(kills) kills, \(ledger.count) acknowledged records checked, \(tornTails) torn tails cut, \(unacknowledged) records present without an ack line")
            #expect(kills >= 20)
            #expect(ledger.count > 1000, "the children acknowledged only \(ledger.count) records in \(kills) runs")
        }
    }
}
