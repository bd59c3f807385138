import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorStorage

/// Verifying a mapped file's checksums at open reads the file, not the
/// mapping: the mapping's pages stay out of this process's resident set
/// until something touches them (read from /proc/self/smaps, never timed).
@Suite("SectionedFile verification")
struct SectionedFileVerificationTests {
    /// A section many times larger than the verification buffer, and than
    /// the window the kernel maps around a fault from the page cache.
    static let big = 256 * SectionedFile.verificationBufferBytes + 123

    @Test("a verified mapped open leaves the mapping's pages untouched")
    func verifiedOpenStaysCold() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/cold.vbs"
            let contents = try SectionedFileTests.writeSample(to: path, big: Self.big)
            let file = try SectionedFile(path: path, mode: .mapped(advice: .random))
            #expect(file.checksumsVerified)
            let pattern = try file.section("PATTERN")
            let before = try #require(try Self.residentBytes(of: pattern.region.base))
            // Only the header was read through the mapping; the kernel may
            // map the cached pages around that fault too (fault-around), but
            // not a section of this size.
            #expect(before <= pattern.length / 8, "resident after a verified open: \(before) bytes")
            #expect(bytes(of: pattern.region) == contents[2])
            let after = try #require(try Self.residentBytes(of: pattern.region.base))
            #expect(after >= pattern.length, "reading the section makes it resident: \(after) bytes")
        }
    }

    @Test("damage past the first buffer's worth is found", arguments: [1, SectionedFile.verificationBufferBytes + 7, 200 * SectionedFile.verificationBufferBytes, Self.big - 1])
    func damageInALaterChunk(at position: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/damaged.vbs"
            _ = try SectionedFileTests.writeSample(to: path, big: Self.big)
            var raw = try readBytes(path)
            let offset = 8192 + position
            raw[offset] ^= 0x10
            try writeBytes(raw, to: path)
            let error = storageError { _ = try SectionedFile(path: path, mode: .mapped(advice: .random)) }
            guard case .sectionChecksum(path, 2, "PATTERN", _, _)? = error else {
                Issue.record("byte \(offset) flipped: expected a PATTERN checksum error, got \(String(describing: error))"); return
            }
        }
    }

    /// Rss of the mapping containing `address`, from /proc/self/smaps.
    static func residentBytes(of address: UnsafeRawPointer) throws -> Int? {
        let target = UInt(bitPattern: address)
        // Read to the end: /proc files report no size, so a reader that
        // trusts fstat stops early.
        let descriptor = try FileDescriptor.openForReading("/proc/self/smaps")
        defer { try? descriptor.close() }
        let smaps = String(decoding: try descriptor.readToEnd(), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] <= target && target < bounds[1]
            } else if inside, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                return kib * 1024
            }
        }
        return nil
    }
}
