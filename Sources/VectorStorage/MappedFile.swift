import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// A read-only, shared mapping of a whole file or a byte range of it,
/// unmapped when the last reference goes. Everything else in the engine sees
/// it through `MemoryRegion`s whose `owner` is the `MappedFile`, so a region
/// keeps its mapping alive however long a search holds it.
///
/// The mapping is immutable and so safe to read from any thread. The file
/// must not be truncated while mapped (reads past the new end raise SIGBUS);
/// vecbench files are only ever replaced by rename, which leaves a mapping of
/// the old file intact.
///
/// With `hugePageAlignedAddress` (the default for `.hugepage`), the mapping
/// is placed at a virtual address congruent to its file offset modulo 2 MiB,
/// so a 2 MiB-aligned file range lands on a 2 MiB-aligned address and can be
/// mapped by one page-table entry; plain `mmap` only guarantees 4 KiB.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    /// File offset of the first mapped byte.
    public let offset: Int
    /// Mapped bytes (the requested range, not rounded to pages).
    public let count: Int
    /// File size when it was mapped.
    public let fileSize: Int
    /// What the advice given at open did.
    public let openAdvice: MappingAdviceReport
    /// Whether the address was chosen congruent to the file offset mod 2 MiB.
    public let hugePageAlignedAddress: Bool

    /// Page-aligned start and length of the kernel mapping (nil if empty).
    let mapping: UnsafeMutableRawPointer?
    let mappingLength: Int
    /// `mapping` + (offset − page-aligned offset).
    let base: UnsafeRawPointer

    static let hugePageSize = 2 << 20
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    private static let empty = HeapAllocation(byteCount: 64)

    /// Maps `range` of the file at `path` (the whole file when nil) read-only
    /// and applies `advice`.
    public init(
        path: String, range: Range<Int>? = nil, advice: MemoryAdvice = .normal,
        hugePageAlignedAddress: Bool? = nil
    ) throws(StorageError) {
        let descriptor = try storageCall { () throws(SystemError) in try FileDescriptor.openForReading(path) }
        let size = try storageCall { () throws(SystemError) in try descriptor.size() }
        let wanted = range ?? 0..<size
        guard wanted.lowerBound >= 0, wanted.upperBound <= size else {
            throw .invalidArgument(path: path, "cannot map bytes \(wanted.lowerBound)..<\(wanted.upperBound) of a \(size)-byte file")
        }
        let alignHuge = hugePageAlignedAddress ?? (advice == .hugepage)
        let pageOffset = wanted.lowerBound - wanted.lowerBound % MappedFile.pageSize
        let delta = wanted.lowerBound - pageOffset
        let length = delta + wanted.count

        var mapping: UnsafeMutableRawPointer? = nil
        var report = MappingAdviceReport(advice: advice)
        if wanted.count > 0 {
            let address = try storageCall { () throws(SystemError) in
                try MappedFile.map(descriptor: descriptor, length: length, fileOffset: pageOffset, alignHuge: alignHuge)
            }
            do {
                report = try MappedFile.apply(
                    advice, address: address, length: length, fileOffset: pageOffset, path: path,
                    populateOrder: MappedFile.defaultPopulateOrder)
            } catch {
                _ = try? SystemCall.run("munmap", path: path) { munmap(address, length) }
                throw error
            }
            mapping = address
        }
        try? descriptor.close()

        self.path = path
        self.offset = wanted.lowerBound
        self.count = wanted.count
        self.fileSize = size
        self.openAdvice = report
        self.hugePageAlignedAddress = alignHuge && wanted.count > 0
        self.mapping = mapping
        self.mappingLength = length
        self.base = mapping.map { UnsafeRawPointer($0 + delta) } ?? UnsafeRawPointer(MappedFile.empty.pointer)
    }

    deinit {
        if let mapping { _ = try? SystemCall.run("munmap", path: path) { munmap(mapping, mappingLength) } }
    }

    /// All mapped bytes as a region that keeps this mapping alive.
    public var region: MemoryRegion { MemoryRegion(base: base, count: count, owner: self) }

    /// `count` bytes starting `offset` bytes into the mapping (not the file).
    public func region(offset: Int, count: Int) throws(StorageError) -> MemoryRegion {
        guard offset >= 0, count >= 0, offset + count <= self.count else {
            throw .invalidArgument(path: path, "region \(offset)..<\(offset + count) lies outside the \(self.count)-byte mapping")
        }
        return MemoryRegion(base: base + offset, count: count, owner: self)
    }

    /// Calls `body` with the mapped bytes; the pointer must not escape.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// mmap, optionally at an address congruent to `fileOffset` mod 2 MiB:
    /// reserve an inaccessible span 4 MiB larger, map the file over the
    /// chosen spot with MAP_FIXED, and give back the slack on both sides.
    private static func map(
        descriptor: FileDescriptor, length: Int, fileOffset: Int, alignHuge: Bool
    ) throws(SystemError) -> UnsafeMutableRawPointer {
        let path = descriptor.path
        guard alignHuge else {
            let address = try SystemCall.run("mmap", path: path) {
                Int(bitPattern: mmap(nil, length, PROT_READ, MAP_SHARED, descriptor.raw, off_t(fileOffset)))
            }
            return UnsafeMutableRawPointer(bitPattern: address)!
        }
        let slack = 2 * hugePageSize
        let mappedLength = (length + pageSize - 1) / pageSize * pageSize
        let reservedLength = mappedLength + slack
        let reserved = try SystemCall.run("mmap", path: path) {
            Int(bitPattern: mmap(nil, reservedLength, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0))
        }
        let phase = fileOffset % hugePageSize
        var target = (reserved + hugePageSize - 1) / hugePageSize * hugePageSize + phase
        if target - hugePageSize >= reserved { target -= hugePageSize }
        do {
            _ = try SystemCall.run("mmap", path: path) {
                Int(bitPattern: mmap(UnsafeMutableRawPointer(bitPattern: target), length, PROT_READ,
                                     MAP_SHARED | MAP_FIXED, descriptor.raw, off_t(fileOffset)))
            }
        } catch {
            unmap(reserved, reservedLength, path)
            throw error
        }
        if target > reserved { unmap(reserved, target - reserved, path) }
        let mappedEnd = target + mappedLength, reservedEnd = reserved + reservedLength
        if reservedEnd > mappedEnd { unmap(mappedEnd, reservedEnd - mappedEnd, path) }
        return UnsafeMutableRawPointer(bitPattern: target)!
    }

    private static func unmap(_ address: Int, _ length: Int, _ path: String) {
        _ = try? SystemCall.run("munmap", path: path) { munmap(UnsafeMutableRawPointer(bitPattern: address), length) }
    }
}
