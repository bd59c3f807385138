import VectorCore

/// A versioned container of named, checksummed, aligned sections — the
/// on-disk form of index files and sealed segments — opened either into RAM
/// or as a read-only mapping. Written by `SectionedFileWriter`.
///
/// All integers little-endian. Header, at offset 0:
///
/// | offset | size | field                                                   |
/// |--------|------|---------------------------------------------------------|
/// | 0      | 8    | magic `VBSECT\r\n` (56 42 53 45 43 54 0D 0A)            |
/// | 8      | 4    | container version: 1 paged, 2 dense (see below)          |
/// | 12     | 4    | header size, 64                                         |
/// | 16     | 8    | content tag, ASCII, zero-padded (e.g. `HNSWINDX`)       |
/// | 24     | 4    | content version (owned by the content's format)         |
/// | 28     | 4    | section count N (≤ 4096)                                |
/// | 32     | 8    | file size in bytes                                      |
/// | 40     | 4    | section table entry size, 32                            |
/// | 44     | 4    | CRC32C of the section table (N × 32 bytes)              |
/// | 48     | 12   | reserved, zero                                          |
/// | 60     | 4    | CRC32C of header bytes 0..<60                           |
///
/// Section table at offset 64, N entries of 32 bytes:
///
/// | offset | size | field                                                   |
/// |--------|------|---------------------------------------------------------|
/// | 0      | 8    | section kind, ASCII, zero-padded (e.g. `VECTORS`)       |
/// | 8      | 8    | offset in the file, a multiple of 4096 (64 when dense)  |
/// | 16     | 8    | length in bytes                                         |
/// | 24     | 4    | CRC32C of the section's bytes                           |
/// | 28     | 4    | log2 of the alignment the writer chose (12 or 21; 6 when dense) |
///
/// Sections follow the table in table order, each at the next multiple of
/// its alignment; gaps are zero. The file ends where the last section ends.
/// CRCs are plain (unmasked) CRC32C. Two container versions:
///
/// | version | alignment of each section                                  | written when                 |
/// |---------|------------------------------------------------------------|------------------------------|
/// | 1       | 4096 (2 MiB for sections ≥ 2 MiB with huge-page alignment) | the dense file would be larger than 64 KiB |
/// | 2       | 64 bytes (dense)                                           | the whole file fits in 64 KiB |
///
/// A small file is dense because the kernel maps every cached page within
/// its fault-around window (64 KiB by default) at the first fault anyway,
/// so page-aligned sections would only add resident padding pages — per
/// small segment of each of thousands of tenants. Both versions are read;
/// a version 2 file larger than 64 KiB, or a section whose alignment does
/// not match its file's version, is refused naming the table entry's file
/// offset.
///
/// **Verification.** Opening always checks magic, container version, the
/// header and table checksums, that every section lies inside the file,
/// is aligned and overlaps no other, that the file size matches, and the
/// content tag and version when the caller names them. Section checksums
/// are always verified in RAM mode (the bytes are read anyway). In mapped
/// mode they are verified at open by default too — a mapped file is then
/// exactly as trustworthy as a RAM one — by reading the file with pread
/// through a small buffer, never through the mapping, so verified pages do
/// not become resident in this process; that still costs reading every
/// byte, so `verifyChecksums: false` skips it (the caller can `verify(_:)`
/// sections later), and the content's own structural validation still runs.
public final class SectionedFile: Sendable {
    /// How to open: copy into RAM, or map read-only with an advice.
    public enum Mode: Sendable, Equatable {
        case ram
        case mapped(advice: MemoryAdvice = .normal, verifyChecksums: Bool = true)

        public var storage: StorageMode {
            if case .ram = self { return .ram }
            return .mmap
        }
    }

    /// One section as found in the table, with its bytes.
    public struct Section: Sendable {
        public let index: Int
        public let kind: FormatTag
        /// Offset in the file.
        public let offset: Int
        public let length: Int
        /// CRC32C recorded in the table.
        public let checksum: UInt32
        /// The bytes: a RAM copy (64-byte aligned) or a slice of the mapping.
        public let region: MemoryRegion
    }

    public let path: String
    public let contentTag: FormatTag
    public let contentVersion: UInt32
    public let fileSize: Int
    public let sections: [Section]
    public let mode: Mode
    /// The mapping (mapped mode only); its `openAdvice` says what the advice did.
    public let mapping: MappedFile?
    /// Whether every section checksum was verified during open.
    public let checksumsVerified: Bool

    /// Opens `path`, refusing a damaged file with an error that names it.
    /// `expecting` and `versions` check the content tag and version. In RAM
    /// mode, sections go into `arena` while it has room (else each into a
    /// heap block of its own).
    public init(
        path: String, mode: Mode = .ram, expecting expectedTag: FormatTag? = nil, versions: ClosedRange<UInt32>? = nil,
        arena: SectionArena? = nil
    ) throws(StorageError) {
        self.path = path
        self.mode = mode
        let header: SectionedFileHeader
        var sections: [Section] = []
        switch mode {
        case .ram:
            let descriptor = try storageCall { () throws(SystemError) in try FileDescriptor.openForReading(path) }
            let size = try storageCall { () throws(SystemError) in try descriptor.size() }
            header = try SectionedFile.readHeader(descriptor, fileSize: size)
            try SectionedFile.checkContent(header, path: path, expectedTag, versions)
            for (index, entry) in header.entries.enumerated() {
                let target: UnsafeMutableRawPointer, owner: AnyObject
                if let arena, let space = arena.allocate(entry.length) {
                    (target, owner) = (space, arena)
                } else {
                    let allocation = HeapAllocation(byteCount: entry.length, zeroed: false)
                    (target, owner) = (allocation.pointer, allocation)
                }
                let buffer = UnsafeMutableRawBufferPointer(start: target, count: entry.length)
                let got = try storageCall { () throws(SystemError) in try descriptor.read(into: buffer, at: entry.offset) }
                guard got == entry.length else {
                    throw .sectionOutOfBounds(path: path, index: index, kind: entry.kind.description,
                                              offset: entry.offset, length: entry.length, fileSize: entry.offset + got)
                }
                let region = MemoryRegion(base: UnsafeRawPointer(target), count: entry.length, owner: owner)
                sections.append(Section(index: index, kind: entry.kind, offset: entry.offset, length: entry.length,
                                        checksum: entry.checksum, region: region))
            }
            try? descriptor.close()
            mapping = nil
            checksumsVerified = true
        case .mapped(let advice, let verify):
            let file = try MappedFile(path: path, advice: advice)
            header = try file.withUnsafeBytes { (bytes) throws(StorageError) in
                try SectionedFileHeader.decode(bytes, path: path, fileSize: file.fileSize)
            }
            try SectionedFile.checkContent(header, path: path, expectedTag, versions)
            for (index, entry) in header.entries.enumerated() {
                let region = try file.region(offset: entry.offset, count: entry.length)
                sections.append(Section(index: index, kind: entry.kind, offset: entry.offset, length: entry.length,
                                        checksum: entry.checksum, region: region))
            }
            mapping = file
            checksumsVerified = verify
        }
        contentTag = header.contentTag
        contentVersion = header.contentVersion
        fileSize = header.fileSize
        self.sections = sections
        if checksumsVerified {
            if mapping != nil {
                try SectionedFile.verifyByReading(sections, path: path)
            } else {
                for section in sections { try SectionedFile.verify(section, path: path) }
            }
        }
    }

    /// The section of kind `kind`, or `missingSection` naming the file.
    public func section(_ kind: FormatTag) throws(StorageError) -> Section {
        guard let section = sections.first(where: { $0.kind == kind }) else {
            throw .missingSection(path: path, kind: kind.description)
        }
        return section
    }

    /// Recomputes a section's CRC32C and compares it with the table (for
    /// mapped files opened without verification; reads every page of it).
    public func verify(_ section: Section) throws(StorageError) {
        try SectionedFile.verify(section, path: path)
    }

    private static func verify(_ section: Section, path: String) throws(StorageError) {
        let computed = CRC32C.checksum(UnsafeRawBufferPointer(start: section.region.base, count: section.region.count))
        withExtendedLifetime(section.region) {}
        guard computed == section.checksum else {
            throw .sectionChecksum(path: path, index: section.index, kind: section.kind.description,
                                   stored: section.checksum, computed: computed)
        }
    }

    private static func readHeader(_ descriptor: FileDescriptor, fileSize: Int) throws(StorageError) -> SectionedFileHeader {
        let path = descriptor.path
        var bytes = [UInt8](repeating: 0, count: SectionedFileHeader.size)
        let got = try read(descriptor, into: &bytes, at: 0)
        let count = try bytes[..<got].withUnsafeBytes { buffer in
            Result { () throws(StorageError) in try SectionedFileHeader.decodeFixed(buffer, path: path, fileSize: fileSize) }
        }.get()
        let tableEnd = SectionedFileHeader.size + count * SectionedFileHeader.entrySize
        bytes += [UInt8](repeating: 0, count: tableEnd - bytes.count)
        let gotAll = try read(descriptor, into: &bytes, at: 0)
        return try bytes[..<gotAll].withUnsafeBytes { buffer in
            Result { () throws(StorageError) in try SectionedFileHeader.decode(buffer, path: path, fileSize: fileSize) }
        }.get()
    }

    private static func read(_ descriptor: FileDescriptor, into bytes: inout [UInt8], at offset: Int) throws(StorageError) -> Int {
        try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(StorageError) in
                try storageCall { () throws(SystemError) in try descriptor.read(into: buffer, at: offset) }
            }
        }.get()
    }

    private static func checkContent(
        _ header: SectionedFileHeader, path: String, _ expectedTag: FormatTag?, _ versions: ClosedRange<UInt32>?
    ) throws(StorageError) {
        if let expectedTag, header.contentTag != expectedTag {
            throw .wrongContent(path: path, found: header.contentTag.description, expected: expectedTag.description)
        }
        if let versions, !versions.contains(header.contentVersion) {
            throw .unsupportedVersion(path: path, what: header.contentTag.description, found: header.contentVersion, supported: versions)
        }
        var seen = Set<FormatTag>()
        for (index, entry) in header.entries.enumerated() where !seen.insert(entry.kind).inserted {
            throw .sectionTable(path: path, "section \(index) repeats kind \(entry.kind)")
        }
    }
}
