import CLinuxShims
import Synchronization
import VectorCore
#if canImport(Glibc)
import Glibc
#endif

extension MappedFile {
    /// The populate strategies `willneed` tries, best first.
    static let defaultPopulateOrder: [MappingAdviceReport.PopulateMethod] = [
        .madvisePopulateRead, .mapPopulate, .touchedPages,
    ]

    /// Applies `advice` to `count` bytes starting `offset` bytes into the
    /// mapping (the whole mapping by default) and reports what happened. A
    /// refused `MADV_HUGEPAGE` is reported, not thrown: a machine without
    /// THP still runs, and says so.
    @discardableResult
    public func advise(_ advice: MemoryAdvice, offset: Int = 0, count: Int? = nil) throws(StorageError) -> MappingAdviceReport {
        try advise(advice, offset: offset, count: count, populateOrder: MappedFile.defaultPopulateOrder)
    }

    /// `advise` with a chosen populate order (tests force the fallbacks).
    func advise(
        _ advice: MemoryAdvice, offset: Int, count: Int?, populateOrder: [MappingAdviceReport.PopulateMethod]
    ) throws(StorageError) -> MappingAdviceReport {
        let count = count ?? (self.count - offset)
        guard offset >= 0, count >= 0, offset + count <= self.count else {
            throw .invalidArgument(path: path, "cannot advise bytes \(offset)..<\(offset + count) of a \(self.count)-byte mapping")
        }
        guard count > 0, let mapping else { return MappingAdviceReport(advice: advice) }
        // madvise wants a page-aligned start; widen the range to whole pages.
        let start = base + offset
        let pageStart = Int(bitPattern: start) / MappedFile.pageSize * MappedFile.pageSize
        let lead = Int(bitPattern: start) - pageStart
        let address = mapping + (pageStart - Int(bitPattern: mapping))
        let fileOffset = self.offset + offset - lead
        withExtendedLifetime(self) {}
        return try MappedFile.apply(
            advice, address: address, length: count + lead, fileOffset: fileOffset, path: path,
            populateOrder: populateOrder)
    }

    /// madvise on a page-aligned `address`; `fileOffset` is the file offset
    /// mapped there (needed to re-map with MAP_POPULATE).
    static func apply(
        _ advice: MemoryAdvice, address: UnsafeMutableRawPointer, length: Int, fileOffset: Int, path: String,
        populateOrder: [MappingAdviceReport.PopulateMethod]
    ) throws(StorageError) -> MappingAdviceReport {
        var report = MappingAdviceReport(advice: advice)
        func madvise(_ operation: StaticString, _ value: Int32) throws(SystemError) {
            _ = try SystemCall.run(operation, path: path) { Glibc.madvise(address, length, value) }
        }
        do throws(SystemError) {
            switch advice {
            case .normal: try madvise("madvise(MADV_NORMAL)", vb_madv_normal())
            case .random: try madvise("madvise(MADV_RANDOM)", vb_madv_random())
            case .sequential: try madvise("madvise(MADV_SEQUENTIAL)", vb_madv_sequential())
            case .willneed:
                try madvise("madvise(MADV_WILLNEED)", vb_madv_willneed())
                for method in populateOrder {
                    do {
                        try populate(method, address: address, length: length, fileOffset: fileOffset, path: path)
                        report.populate = method
                        break
                    } catch {
                        report.fallbacks.append(error.description)
                    }
                }
                if report.populate == nil {
                    throw SystemError(operation: "populate (every method failed)", path: path, errno: EINVAL)
                }
            case .hugepage:
                do {
                    try madvise("madvise(MADV_HUGEPAGE)", vb_madv_hugepage())
                    report.hugePage = .accepted
                } catch where error.errno == EINVAL {
                    report.hugePage = .refused(errno: error.errno)
                }
            }
        } catch {
            throw .system(error)
        }
        return report
    }

    private static func populate(
        _ method: MappingAdviceReport.PopulateMethod, address: UnsafeMutableRawPointer, length: Int,
        fileOffset: Int, path: String
    ) throws(SystemError) {
        switch method {
        case .madvisePopulateRead:
            _ = try SystemCall.run("madvise(MADV_POPULATE_READ)", path: path) {
                Glibc.madvise(address, length, vb_madv_populate_read())
            }
        case .mapPopulate:
            // Replace the range with an identical mapping that the kernel
            // pre-faults. Same file, offset and protection: readers see no change.
            let descriptor = try FileDescriptor.openForReading(path)
            _ = try SystemCall.run("mmap(MAP_POPULATE)", path: path) {
                Int(bitPattern: mmap(address, length, PROT_READ, MAP_SHARED | MAP_FIXED | vb_map_populate(),
                                     descriptor.raw, off_t(fileOffset)))
            }
            try? descriptor.close()
        case .touchedPages:
            var sum: UInt8 = 0
            var page = 0
            while page < length {
                sum &+= UnsafeRawPointer(address).load(fromByteOffset: page, as: UInt8.self)
                page += pageSize
            }
            keepAlive(sum)
        }
    }

    /// Where touched bytes go so the loads cannot be optimised away.
    private static func keepAlive(_ value: UInt8) { touchSink.store(value, ordering: .relaxed) }
}

private let touchSink = Atomic<UInt8>(0)
