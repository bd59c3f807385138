import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorStorage

/// Small sectioned files are written dense (container version 2, sections on
/// 64-byte boundaries), large ones page-aligned as before (version 1); both
/// open, and a table that breaks its version's rules is refused naming the
/// table entry's file offset.
@Suite("SectionedFile dense layout")
struct SectionedFileDenseTests {
    @Test("a file that fits in 64 KiB is dense; one byte more and it is page-aligned",
          arguments: SectionedFileTests.modes)
    func denseWhenSmall(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/small.vbs"
            let contents = try SectionedFileTests.writeSample(to: path, big: 1_000)
            let raw = try readBytes(path)
            #expect(Array(raw[8..<12]) == [2, 0, 0, 0])  // container version 2: dense
            // Header and table (64 + 3 × 32 = 160), TEXT at 192, EMPTY and PATTERN at 256.
            #expect(raw.count == 256 + 1_000)
            let file = try SectionedFile(path: path, mode: mode, expecting: "TESTFILE", versions: 3...3)
            #expect(file.sections.map(\.offset) == [192, 256, 256])
            for (section, expected) in zip(file.sections, contents) {
                #expect(bytes(of: section.region) == expected, "\(section.kind)")
                #expect(Int(bitPattern: section.region.base) % 64 == 0, "\(section.kind) is 64-byte aligned in memory")
            }

            // The largest dense file, then one byte over it.
            let limit = SectionedFileHeader.denseFileLimit
            let edge = directory + "/edge.vbs", over = directory + "/over.vbs"
            _ = try SectionedFileTests.writeSample(to: edge, big: limit - 256)
            _ = try SectionedFileTests.writeSample(to: over, big: limit - 255)
            #expect(Array(try readBytes(edge)[8..<12]) == [2, 0, 0, 0])
            #expect(try readBytes(edge).count == limit)
            #expect(Array(try readBytes(over)[8..<12]) == [1, 0, 0, 0])
            #expect(try SectionedFile(path: over, mode: mode).sections.allSatisfy { $0.offset % 4096 == 0 })
        }
    }

    @Test("a small page-aligned (version 1) file, as written before dense files, still opens",
          arguments: SectionedFileTests.modes)
    func olderSmallFilesOpen(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.vbs"
            let payload: [UInt8] = Array("written by an older build".utf8)
            try writeBytes(Self.file(version: 1, shift: 12, offset: 4096, payload: payload), to: path)
            let file = try SectionedFile(path: path, mode: mode)
            #expect(file.sections.map(\.offset) == [4096])
            #expect(bytes(of: try file.section("OLD").region) == payload)
        }
    }

    @Test("a table that breaks its version's alignment rules is refused with the file and the entry's offset")
    func malformedTables() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/bad.vbs"
            let payload = [UInt8](repeating: 7, count: 100)
            func refusal(_ bytes: [UInt8]) throws -> String? {
                try writeBytes(bytes, to: path)
                guard let error = storageError({ _ = try SectionedFile(path: path, mode: .mapped()) }) else { return nil }
                guard case .sectionTable(path, let text) = error else {
                    Issue.record("expected a section table error, got \(error)"); return nil
                }
                #expect(error.description.hasPrefix(path))
                return text
            }
            // Dense, but the section is not on a 64-byte boundary.
            let unaligned = try refusal(Self.file(version: 2, shift: 6, offset: 100, payload: payload))
            #expect(unaligned?.contains("table entry at file offset 64") == true, "\(unaligned ?? "opened")")
            #expect(unaligned?.contains("not 64-aligned") == true)
            // Dense, but claiming a page alignment.
            let paged = try refusal(Self.file(version: 2, shift: 12, offset: 4096, payload: payload))
            #expect(paged?.contains("table entry at file offset 64") == true, "\(paged ?? "opened")")
            // Page-aligned version, but a dense section.
            let dense = try refusal(Self.file(version: 1, shift: 6, offset: 128, payload: payload))
            #expect(dense?.contains("version 1 file allows") == true, "\(dense ?? "opened")")
            // Dense, but larger than any dense file is.
            let large = try refusal(Self.file(version: 2, shift: 6, offset: 128,
                                              payload: [UInt8](repeating: 1, count: SectionedFileHeader.denseFileLimit)))
            #expect(large?.contains("dense") == true, "\(large ?? "opened")")
            // The well-formed dense file opens.
            try writeBytes(Self.file(version: 2, shift: 6, offset: 128, payload: payload), to: path)
            #expect(bytes(of: try SectionedFile(path: path, mode: .mapped()).section("OLD").region) == payload)
        }
    }

    /// A file of one section `OLD` holding `payload`, its table entry
    /// saying `shift` and `offset` (checksums right, so only the layout
    /// rules can refuse it).
    static func file(version: UInt32, shift: UInt32, offset: Int, payload: [UInt8]) -> [UInt8] {
        let header = SectionedFileHeader(
            contentTag: "TESTFILE", contentVersion: 1, fileSize: offset + payload.count,
            entries: [.init(kind: "OLD", offset: offset, length: payload.count, checksum: CRC32C.checksum(payload),
                            alignmentShift: shift)],
            containerVersion: version)
        var bytes = header.encoded()
        bytes += [UInt8](repeating: 0, count: offset - bytes.count)
        return bytes + payload
    }
}
