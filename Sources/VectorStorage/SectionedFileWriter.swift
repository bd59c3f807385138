import CLinuxShims
import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// Builds a `SectionedFile` (format table on `SectionedFile`): collect
/// sections, then `write(to:)` lays them out at aligned offsets, checksums
/// each, and writes the file durably (temp → fsync → rename → fsync dir).
///
/// Sections are `MemoryRegion`s, so an index can be saved straight from its
/// own memory (heap or mapped) without an intermediate copy.
public struct SectionedFileWriter: Sendable {
    public let contentTag: FormatTag
    public let contentVersion: UInt32
    /// Start sections of at least 2 MiB on 2 MiB boundaries (others on
    /// 4 KiB), so a `.hugepage` mapping can map them with 2 MiB pages. Costs
    /// up to 2 MiB of zero padding (a hole, on file systems with sparse files)
    /// per large section.
    public var hugePageAlignment: Bool
    public private(set) var sections: [(kind: FormatTag, region: MemoryRegion)] = []

    public init(contentTag: FormatTag, contentVersion: UInt32, hugePageAlignment: Bool = false) {
        self.contentTag = contentTag
        self.contentVersion = contentVersion
        self.hugePageAlignment = hugePageAlignment
    }

    /// Adds a section; kinds must be unique within a file.
    public mutating func append(_ kind: FormatTag, _ region: MemoryRegion) {
        precondition(!sections.contains { $0.kind == kind }, "section \(kind) added twice")
        sections.append((kind, region))
    }

    /// Adds a section holding a copy of `bytes`.
    public mutating func append(_ kind: FormatTag, bytes: [UInt8]) {
        append(kind, bytes.withUnsafeBytes { MemoryRegion.copying($0) })
    }

    /// The header and table `write` would produce (checksums included): a
    /// dense file (version 2, sections on 64-byte boundaries) when that
    /// fits in `SectionedFileHeader.denseFileLimit`, else page-aligned
    /// sections (version 1).
    func layout() -> SectionedFileHeader {
        var dense = true
        var (shifts, offsets, fileSize) = placement(dense: true)
        if fileSize > SectionedFileHeader.denseFileLimit {
            dense = false
            (shifts, offsets, fileSize) = placement(dense: false)
        }
        var entries: [SectionedFileHeader.Entry] = []
        for (index, (kind, region)) in sections.enumerated() {
            let checksum = CRC32C.checksum(UnsafeRawBufferPointer(start: region.base, count: region.count))
            entries.append(.init(kind: kind, offset: offsets[index], length: region.count, checksum: checksum,
                                 alignmentShift: shifts[index]))
        }
        withExtendedLifetime(sections) {}
        return SectionedFileHeader(
            contentTag: contentTag, contentVersion: contentVersion, fileSize: fileSize, entries: entries,
            containerVersion: dense ? SectionedFileHeader.denseVersion : SectionedFileHeader.pagedVersion)
    }

    /// Alignment shift and offset of each section, and the file size.
    private func placement(dense: Bool) -> (shifts: [UInt32], offsets: [Int], fileSize: Int) {
        var shifts: [UInt32] = [], offsets: [Int] = []
        var position = SectionedFileHeader.size + sections.count * SectionedFileHeader.entrySize
        for (_, region) in sections {
            let huge = hugePageAlignment && region.count >= MappedFile.hugePageSize
            let shift: UInt32 = dense ? SectionedFileHeader.denseAlignmentShift : huge ? 21 : 12
            let alignment = 1 << Int(shift)
            position = (position + alignment - 1) / alignment * alignment
            shifts.append(shift)
            offsets.append(position)
            position += region.count
        }
        return (shifts, offsets, position)
    }

    /// Writes the file; returns its size in bytes. Nothing appears at `path`
    /// unless every byte was written and synced (`AtomicFileWriter`: temp →
    /// fsync → rename → fsync directory). The final size is reserved with
    /// fallocate first, so a full disk fails before any section is written.
    @discardableResult
    public func write(to path: String) throws(StorageError) -> Int {
        let header = layout()
        do throws(SystemError) {
            let file = try AtomicFileWriter(path: path)
            try SectionedFileWriter.reserve(file, bytes: header.fileSize)
            try header.encoded().withUnsafeBytes { bytes in Result { () throws(SystemError) in try file.append(bytes) } }.get()
            for (entry, section) in zip(header.entries, sections) {
                try SectionedFileWriter.pad(file, to: entry.offset)
                try file.append(UnsafeRawBufferPointer(start: section.region.base, count: section.region.count))
            }
            withExtendedLifetime(sections) {}
            try file.commit()
        } catch {
            throw .system(error)
        }
        return header.fileSize
    }

    /// fallocate the final size; file systems without it are written anyway.
    private static func reserve(_ file: AtomicFileWriter, bytes: Int) throws(SystemError) {
        let temporary = file.temporaryPath
        let outcome: Result<Void, SystemError>
        do {
            outcome = try file.withDescriptor { (descriptor: Int32) -> Result<Void, SystemError> in
                Result { () throws(SystemError) in
                    _ = try SystemCall.run("fallocate", path: temporary) { vb_fallocate(descriptor, 0, off_t(bytes)) }
                }
            }
        } catch let error as SystemError {
            throw error
        } catch {
            throw SystemError(operation: "fallocate", path: temporary, errno: EIO)
        }
        if case .failure(let error) = outcome, error.errno != EOPNOTSUPP, error.errno != ENOSYS { throw error }
    }

    private static let zeros = [UInt8](repeating: 0, count: 1 << 16)

    /// Appends zero bytes up to `offset` (section alignment padding).
    private static func pad(_ file: AtomicFileWriter, to offset: Int) throws(SystemError) {
        while file.bytesWritten < offset {
            let count = min(offset - file.bytesWritten, zeros.count)
            try zeros.withUnsafeBytes { bytes in
                Result { () throws(SystemError) in try file.append(UnsafeRawBufferPointer(rebasing: bytes[..<count])) }
            }.get()
        }
    }
}
