import FuzzSupport
import VectorWAL
#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target: WAL recovery — segment headers, the segment scan and record
/// decoding (`WALSegmentHeader`, `WALSegmentScanner`, `WALRecordCodec`),
/// reached through the public `WriteAheadLog.open`.
///
/// Input: one or more segment files back to back; a new file starts at each
/// `VBWALSEG` magic after the first byte. Each file is named after the
/// sequence in its header (bytes 16..<24; its position when shorter). A log
/// that opens is read back (`forEachRecord`, `verify`), appended to once and
/// closed; anything but a `WALError` is a finding.
enum FuzzWAL {
    static let directory = FuzzHarness.scratchDirectory + "/wal"
    static let magic = Array("VBWALSEG".utf8)
    static let configuration = WALConfiguration(
        syncPolicy: .never, segmentBytes: 64 << 10, preallocate: false, maximumPayloadBytes: 1 << 20)

    static func run(_ input: UnsafeRawBufferPointer) {
        FuzzHarness.resetDirectory(directory)
        for (index, segment) in split(input).enumerated() {
            var sequence = UInt64(index + 1)
            if segment.count >= 24 {
                sequence = UInt64(littleEndian: segment.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) % 1_000_000
            }
            FuzzHarness.write(segment, to: directory + "/" + WALSegmentHeader.fileName(sequence: sequence))
        }
        guard let wal = try? WriteAheadLog.open(directory: directory, configuration: configuration) else { return }
        var records = 0
        try? wal.forEachRecord { _ in records += 1 }
        _ = try? wal.verify()
        _ = try? wal.append(kind: 1, payload: [1, 2, 3])
        try? wal.close()
    }

    /// The input cut before every occurrence of the magic past offset 0.
    static func split(_ input: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var parts: [UnsafeRawBufferPointer] = []
        var start = 0
        var cursor = 1
        while cursor + magic.count <= input.count {
            if input[cursor] == magic[0], input[cursor..<cursor + magic.count].elementsEqual(magic) {
                parts.append(UnsafeRawBufferPointer(rebasing: input[start..<cursor]))
                start = cursor
                cursor += magic.count
            } else {
                cursor += 1
            }
        }
        parts.append(UnsafeRawBufferPointer(rebasing: input[start...]))
        return parts
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzWAL.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzWALReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-wal", body: FuzzWAL.run))
    }
}
#endif
