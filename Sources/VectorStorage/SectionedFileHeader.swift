import VectorCore

/// The fixed header and section table of a sectioned file, encoded and
/// decoded byte by byte in little-endian order (the layout table is on
/// `SectionedFile`). Pure functions of bytes; no I/O.
struct SectionedFileHeader: Equatable {
    static let magic: [UInt8] = [0x56, 0x42, 0x53, 0x45, 0x43, 0x54, 0x0D, 0x0A]  // "VBSECT\r\n"
    /// Version 1: sections on 4 KiB (or 2 MiB) boundaries. Version 2: a
    /// dense file, sections on 64-byte boundaries (see `SectionedFile`).
    static let pagedVersion: UInt32 = 1
    static let denseVersion: UInt32 = 2
    static let readableVersions: ClosedRange<UInt32> = 1...2
    static let size = 64
    static let entrySize = 32
    static let maxSections = 4096
    static let pageAlignment = 4096
    static let denseAlignmentShift: UInt32 = 6
    /// The largest file written dense: the kernel's default fault-around
    /// window (`fault_around_bytes`), within which a fault on a cached file
    /// maps every page of it anyway, so page-aligned sections would only add
    /// padding pages that become resident with the rest.
    static let denseFileLimit = 64 << 10

    struct Entry: Equatable {
        var kind: FormatTag
        var offset: Int
        var length: Int
        var checksum: UInt32
        var alignmentShift: UInt32
    }

    var contentTag: FormatTag
    var contentVersion: UInt32
    var fileSize: Int
    var entries: [Entry]
    /// `pagedVersion` or `denseVersion`.
    var containerVersion: UInt32 = SectionedFileHeader.pagedVersion

    var tableEnd: Int { SectionedFileHeader.size + entries.count * SectionedFileHeader.entrySize }

    /// Header followed by the section table, checksums filled in.
    func encoded() -> [UInt8] {
        var table = [UInt8](repeating: 0, count: entries.count * SectionedFileHeader.entrySize)
        for (index, entry) in entries.enumerated() {
            let at = index * SectionedFileHeader.entrySize
            table.storeLE(entry.kind.rawValue, at: at)
            table.storeLE(UInt64(entry.offset), at: at + 8)
            table.storeLE(UInt64(entry.length), at: at + 16)
            table.storeLE(entry.checksum, at: at + 24)
            table.storeLE(entry.alignmentShift, at: at + 28)
        }
        var header = [UInt8](repeating: 0, count: SectionedFileHeader.size)
        header.replaceSubrange(0..<8, with: SectionedFileHeader.magic)
        header.storeLE(containerVersion, at: 8)
        header.storeLE(UInt32(SectionedFileHeader.size), at: 12)
        header.storeLE(contentTag.rawValue, at: 16)
        header.storeLE(contentVersion, at: 24)
        header.storeLE(UInt32(entries.count), at: 28)
        header.storeLE(UInt64(fileSize), at: 32)
        header.storeLE(UInt32(SectionedFileHeader.entrySize), at: 40)
        header.storeLE(CRC32C.checksum(table), at: 44)
        header.storeLE(CRC32C.checksum(header[0..<60]), at: 60)
        return header + table
    }

    /// Checks the fixed header (magic, version, checksum) in the first 64
    /// bytes and returns the section count.
    static func decodeFixed(_ bytes: UnsafeRawBufferPointer, path: String, fileSize: Int) throws(StorageError) -> Int {
        guard bytes.count >= size else { throw .truncatedHeader(path: path, fileSize: fileSize, needed: size) }
        guard Array(bytes[0..<8]) == magic else { throw .badMagic(path: path, found: Array(bytes[0..<8])) }
        let version: UInt32 = bytes.loadLE(at: 8)
        guard readableVersions.contains(version) else {
            throw .unsupportedVersion(path: path, what: "container", found: version, supported: readableVersions)
        }
        let stored: UInt32 = bytes.loadLE(at: 60)
        let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<60]))
        guard stored == computed else { throw .headerChecksum(path: path, what: "header", stored: stored, computed: computed) }
        let headerSize: UInt32 = bytes.loadLE(at: 12), entrySize: UInt32 = bytes.loadLE(at: 40)
        guard headerSize == UInt32(size), entrySize == UInt32(self.entrySize) else {
            throw .sectionTable(path: path, "header size \(headerSize) / entry size \(entrySize), expected \(size) / \(self.entrySize)")
        }
        let count = Int(bytes.loadLE(at: 28) as UInt32)
        guard count <= maxSections else { throw .sectionTable(path: path, "\(count) sections, at most \(maxSections) allowed") }
        return count
    }

    /// Decodes header and table from `bytes` (at least `size + count ×
    /// entrySize` bytes, count from `decodeFixed`) and checks the table
    /// against the actual file size.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, fileSize: Int) throws(StorageError) -> SectionedFileHeader {
        let count = try decodeFixed(bytes, path: path, fileSize: fileSize)
        let tableEnd = size + count * entrySize
        guard bytes.count >= tableEnd else { throw .truncatedHeader(path: path, fileSize: fileSize, needed: tableEnd) }
        let table = UnsafeRawBufferPointer(rebasing: bytes[size..<tableEnd])
        let storedTable: UInt32 = bytes.loadLE(at: 44)
        let computedTable = CRC32C.checksum(table)
        guard storedTable == computedTable else {
            throw .headerChecksum(path: path, what: "section table", stored: storedTable, computed: computedTable)
        }
        var header = SectionedFileHeader(
            contentTag: FormatTag(rawValue: bytes.loadLE(at: 16)), contentVersion: bytes.loadLE(at: 24),
            fileSize: Int(truncatingIfNeeded: bytes.loadLE(at: 32) as UInt64), entries: [],
            containerVersion: bytes.loadLE(at: 8))
        let dense = header.containerVersion == denseVersion
        if dense, fileSize > denseFileLimit {
            throw .sectionTable(path: path, "a dense (version 2) file of \(fileSize) bytes; dense files hold at most \(denseFileLimit)")
        }
        for index in 0..<count {
            let at = size + index * entrySize
            let entry = Entry(
                kind: FormatTag(rawValue: bytes.loadLE(at: at)),
                offset: Int(truncatingIfNeeded: bytes.loadLE(at: at + 8) as UInt64),
                length: Int(truncatingIfNeeded: bytes.loadLE(at: at + 16) as UInt64),
                checksum: bytes.loadLE(at: at + 24), alignmentShift: bytes.loadLE(at: at + 28))
            guard entry.offset >= 0, entry.length >= 0, entry.offset <= Int.max - entry.length,
                  entry.offset + entry.length <= fileSize else {
                throw .sectionOutOfBounds(path: path, index: index, kind: entry.kind.description,
                                          offset: entry.offset, length: entry.length, fileSize: fileSize)
            }
            let shifts: [UInt32] = dense ? [denseAlignmentShift] : [12, 21]
            guard shifts.contains(entry.alignmentShift) else {
                throw .sectionTable(path: path, "section \(index) (\(entry.kind)), table entry at file offset \(at): alignment "
                                    + "2^\(entry.alignmentShift), a version \(header.containerVersion) file allows 2^\(shifts.map(String.init).joined(separator: " or 2^"))")
            }
            let alignment = dense ? 1 << Int(denseAlignmentShift) : pageAlignment
            guard entry.offset % alignment == 0, entry.offset >= tableEnd else {
                throw .sectionTable(path: path, "section \(index) (\(entry.kind)), table entry at file offset \(at): section offset "
                                    + "\(entry.offset) is not \(alignment)-aligned after the table")
            }
            header.entries.append(entry)
        }
        let sorted = header.entries.enumerated().sorted { $0.element.offset < $1.element.offset }
        for (previous, next) in zip(sorted, sorted.dropFirst())
        where previous.element.offset + previous.element.length > next.element.offset {
            throw .sectionTable(path: path, "sections \(previous.offset) (\(previous.element.kind)) and \(next.offset) (\(next.element.kind)) overlap")
        }
        guard header.fileSize == fileSize else {
            throw .sizeMismatch(path: path, recorded: header.fileSize, actual: fileSize)
        }
        return header
    }
}
