import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorStorage

@Suite("SectionedFile")
struct SectionedFileTests {
    static let modes: [SectionedFile.Mode] = [
        .ram, .mapped(advice: .normal), .mapped(advice: .random), .mapped(advice: .willneed), .mapped(advice: .hugepage),
        .mapped(advice: .sequential, verifyChecksums: false),
    ]

    /// Three sections: text, an empty one, and `big` patterned bytes (by
    /// default enough for a page-aligned, version 1 file: see
    /// `SectionedFileDenseTests` for small ones).
    static func writeSample(to path: String, hugePageAlignment: Bool = false, big: Int = 70_000) throws -> [[UInt8]] {
        let contents: [[UInt8]] = [Array("hello, sections".utf8), [], (0..<big).map { UInt8(truncatingIfNeeded: $0 * 7) }]
        var writer = SectionedFileWriter(contentTag: "TESTFILE", contentVersion: 3, hugePageAlignment: hugePageAlignment)
        writer.append("TEXT", bytes: contents[0])
        writer.append("EMPTY", bytes: contents[1])
        writer.append("PATTERN", bytes: contents[2])
        try writer.write(to: path)
        return contents
    }

    @Test("round trip in every mode", arguments: modes)
    func roundTrip(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/sample.vbs"
            let contents = try Self.writeSample(to: path)
            let file = try SectionedFile(path: path, mode: mode, expecting: "TESTFILE", versions: 1...3)
            #expect(file.contentTag == "TESTFILE")
            #expect(file.contentVersion == 3)
            #expect(file.sections.map(\.kind) == ["TEXT", "EMPTY", "PATTERN"])
            for (section, expected) in zip(file.sections, contents) {
                #expect(bytes(of: section.region) == expected, "\(section.kind)")
                #expect(section.offset % 4096 == 0)
                #expect(section.checksum == CRC32C.checksum(expected))
            }
            #expect(bytes(of: try file.section("PATTERN").region) == contents[2])
            #expect(file.fileSize == (try readBytes(path)).count)
            #expect((file.mapping != nil) == (mode.storage == .mmap))
            if case .ram = mode {
                // RAM copies are 64-byte aligned heap allocations.
                for section in file.sections { #expect(Int(bitPattern: section.region.base) % 64 == 0) }
            }
            // Only the final file remains: the temporary was renamed away.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["sample.vbs"])
        }
    }

    @Test("layout: header, table, then sections on 4 KiB (or 2 MiB) boundaries; little-endian fields")
    func layout() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/layout.vbs"
            _ = try Self.writeSample(to: path)
            let raw = try readBytes(path)
            #expect(Array(raw[0..<8]) == [0x56, 0x42, 0x53, 0x45, 0x43, 0x54, 0x0D, 0x0A])
            #expect(Array(raw[8..<12]) == [1, 0, 0, 0])  // container version
            #expect(Array(raw[16..<24]) == Array("TESTFILE".utf8))
            #expect(Array(raw[28..<32]) == [3, 0, 0, 0])  // section count
            #expect(Array(raw[64..<68]) == Array("TEXT".utf8))
            #expect(Array(raw[72..<80]) == [0x00, 0x10, 0, 0, 0, 0, 0, 0])  // offset 4096
            #expect(Array(raw[4096..<(4096 + 15)]) == Array("hello, sections".utf8))
            #expect(raw.count == 2 * 4096 + 70_000)  // TEXT at 4096; EMPTY and PATTERN both at 8192

            let hugePath = directory + "/huge.vbs"
            _ = try Self.writeSample(to: hugePath, hugePageAlignment: true, big: 3 << 20)
            let huge = try SectionedFile(path: hugePath, mode: .mapped(advice: .hugepage))
            let pattern = try huge.section("PATTERN")
            #expect(pattern.offset % (2 << 20) == 0)
            #expect(try huge.section("TEXT").offset == 4096)
            #expect(Int(bitPattern: pattern.region.base) % (2 << 20) == 0)
        }
    }

    @Test("a failed write leaves nothing behind and keeps the old file")
    func failedWriteKeepsOldFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/keep.vbs"
            let original = try Self.writeSample(to: path)
            let before = try readBytes(path)
            var writer = SectionedFileWriter(contentTag: "TESTFILE", contentVersion: 3)
            writer.append("TEXT", bytes: [1, 2, 3])
            let fault = FaultInjection.install(.init(operation: "fsync", pathSuffix: "keep.vbs", errno: EIO, times: 1))
            let error = storageError { try writer.write(to: path) }
            #expect(FaultInjection.remove(fault) == 1)
            guard case .system(let system)? = error else {
                Issue.record("expected the injected fsync failure, got \(String(describing: error))")
                return
            }
            #expect(system.operation == "fsync" && system.errno == EIO)
            #expect(try readBytes(path) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["keep.vbs"])
            #expect(bytes(of: try SectionedFile(path: path).section("TEXT").region) == original[0])
        }
    }

    @Test("fallocate: unsupported is tolerated, ENOSPC fails before writing and leaves nothing")
    func fallocateOutcomes() throws {
        try withTemporaryDirectory { directory in
            let tolerated = directory + "/nofallocate.vbs"
            let unsupported = FaultInjection.install(
                .init(operation: "fallocate", pathSuffix: "nofallocate.vbs", errno: EOPNOTSUPP, times: 1))
            let contents = try Self.writeSample(to: tolerated)
            #expect(FaultInjection.remove(unsupported) == 1)
            #expect(bytes(of: try SectionedFile(path: tolerated).section("PATTERN").region) == contents[2])

            let full = directory + "/full.vbs"
            let noSpace = FaultInjection.install(.init(operation: "fallocate", pathSuffix: "full.vbs", errno: ENOSPC, times: 1))
            let error = storageError { _ = try Self.writeSample(to: full) }
            #expect(FaultInjection.remove(noSpace) == 1)
            guard case .system(let system)? = error else {
                Issue.record("expected ENOSPC from fallocate, got \(String(describing: error))"); return
            }
            #expect(system.operation == "fallocate" && system.errno == ENOSPC)
            #expect(system.path?.hasSuffix("full.vbs") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["nofallocate.vbs"])
        }
    }

    @Test("damage is refused with the path and what is wrong", arguments: [SectionedFile.Mode.ram, .mapped()])
    func damage(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/damaged.vbs"
            _ = try Self.writeSample(to: path)
            let good = try readBytes(path)
            func open(_ bytes: [UInt8], expecting tag: FormatTag? = "TESTFILE", versions: ClosedRange<UInt32>? = 3...3) throws -> StorageError? {
                try writeBytes(bytes, to: path)
                return storageError { _ = try SectionedFile(path: path, mode: mode, expecting: tag, versions: versions) }
            }
            func patched(_ offset: Int, _ value: UInt8) -> [UInt8] {
                var copy = good
                copy[offset] = value
                return copy
            }

            #expect(try open(patched(0, 0x57)) == .badMagic(path: path, found: [0x57] + Array(good[1..<8])))
            #expect(try open(patched(8, 3)) == .unsupportedVersion(path: path, what: "container", found: 3, supported: 1...2))
            guard case .headerChecksum(path, "header", _, _)? = try open(patched(50, 1)) else {
                Issue.record("reserved byte flipped: expected a header checksum error"); return
            }
            guard case .headerChecksum(path, "section table", _, _)? = try open(patched(64 + 32 + 20, 9)) else {
                Issue.record("table byte flipped: expected a section table checksum error"); return
            }
            for (index, kind, offset) in [(0, "TEXT", 4096 + 3), (2, "PATTERN", 8192 + 69_999)] {
                guard case .sectionChecksum(path, index, kind, _, _)? = try open(patched(offset, good[offset] ^ 0x40)) else {
                    Issue.record("byte in \(kind) flipped: expected a section checksum error"); return
                }
            }
            #expect(try open(good + [0]) == .sizeMismatch(path: path, recorded: good.count, actual: good.count + 1))
            #expect(try open(good, expecting: "OTHERONE") == .wrongContent(path: path, found: "TESTFILE", expected: "OTHERONE"))
            #expect(try open(good, versions: 1...2) == .unsupportedVersion(path: path, what: "TESTFILE", found: 3, supported: 1...2))
            #expect(try open(Array(good[..<40])) == .truncatedHeader(path: path, fileSize: 40, needed: 64))
            #expect(try open(Array(good[..<100])) == .truncatedHeader(path: path, fileSize: 100, needed: 64 + 3 * 32))
            #expect(try open(Array(good[..<8200])) == .sectionOutOfBounds(
                path: path, index: 2, kind: "PATTERN", offset: 8192, length: 70_000, fileSize: 8200))
            #expect(try open(Array(good[..<5000])) == .sectionOutOfBounds(
                path: path, index: 1, kind: "EMPTY", offset: 8192, length: 0, fileSize: 5000))
            #expect(try open([]) == .truncatedHeader(path: path, fileSize: 0, needed: 64))
            // Every message starts with the path.
            #expect(try open(patched(3, 0))?.description.hasPrefix(path) == true)
        }
    }

    @Test("a mapped open without verification is lazy; verify(_:) finds the damage later")
    func lazyMappedVerification() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/lazy.vbs"
            _ = try Self.writeSample(to: path)
            var raw = try readBytes(path)
            raw[8192 + 1] ^= 0xFF
            try writeBytes(raw, to: path)
            let file = try SectionedFile(path: path, mode: .mapped(advice: .random, verifyChecksums: false))
            #expect(!file.checksumsVerified)
            #expect(throws: Never.self) { try file.verify(file.section("TEXT")) }
            guard case .sectionChecksum(path, 2, "PATTERN", _, _)? = storageError({ try file.verify(file.section("PATTERN")) }) else {
                Issue.record("expected PATTERN to fail verification"); return
            }
            #expect(storageError { _ = try file.section("NOPE") } == .missingSection(path: path, kind: "NOPE"))
        }
    }
}
