import Foundation
import Testing
import TestSupport
import VectorCore
@testable import VectorStorage

@Suite("MappedFile")
struct MappedFileTests {
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) } }

    @Test("maps a whole file and a range at an unaligned offset")
    func mapsWholeAndRange() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.bin"
            let content = Self.pattern(3 * 4096 + 123)
            try writeBytes(content, to: path)

            let whole = try MappedFile(path: path)
            #expect(whole.count == content.count)
            #expect(whole.fileSize == content.count)
            #expect(whole.withUnsafeBytes { Array($0) } == content)

            let range = 4096 + 17..<(2 * 4096 + 4000)
            let part = try MappedFile(path: path, range: range)
            #expect(part.offset == range.lowerBound)
            #expect(bytes(of: part.region) == Array(content[range]))
            #expect(bytes(of: try part.region(offset: 10, count: 5)) == Array(content[(range.lowerBound + 10)..<(range.lowerBound + 15)]))
        }
    }

    @Test("a region keeps its mapping alive after the MappedFile reference is gone")
    func regionOwnsMapping() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/data.bin"
            let content = Self.pattern(10_000)
            try writeBytes(content, to: path)
            weak var weakFile: MappedFile?
            let region: MemoryRegion = try {
                let file = try MappedFile(path: path, advice: .random)
                weakFile = file
                return try file.region(offset: 5000, count: 5000)
            }()
            #expect(weakFile != nil)
            #expect(bytes(of: region) == Array(content[5000...]))
            // The file is unlinked; the mapping still holds the data.
            try FileManager.default.removeItem(atPath: path)
            #expect(bytes(of: region) == Array(content[5000...]))
        }
    }

    @Test("an empty file or range maps to an empty region")
    func emptyFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/empty.bin"
            try writeBytes([], to: path)
            let file = try MappedFile(path: path, advice: .willneed)
            #expect(file.count == 0)
            #expect(file.region.count == 0)
            #expect(try file.residency().residentBytes == 0)
        }
    }

    @Test("errors name the path: missing file, range past the end, region outside the mapping")
    func errors() throws {
        try withTemporaryDirectory { directory in
            let missing = directory + "/missing.bin"
            let error = storageError { _ = try MappedFile(path: missing) }
            #expect(error == .system(SystemError(operation: "open", path: missing, errno: ENOENT)))
            #expect(error?.description.contains(missing) == true)

            let path = directory + "/small.bin"
            try writeBytes(Self.pattern(100), to: path)
            let pastEnd = storageError { _ = try MappedFile(path: path, range: 50..<101) }
            guard case .invalidArgument(let errorPath, let text)? = pastEnd else {
                Issue.record("expected invalidArgument, got \(String(describing: pastEnd))")
                return
            }
            #expect(errorPath == path)
            #expect(text.contains("100-byte"))
            let file = try MappedFile(path: path)
            #expect(storageError { _ = try file.region(offset: 90, count: 11) }?.path == path)
        }
    }

    @Test("every advice applies, and says what it did", arguments: MemoryAdvice.allCases)
    func adviceApplies(_ advice: MemoryAdvice) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/advice.bin"
            let content = Self.pattern(64 * 4096)
            try writeBytes(content, to: path)
            let file = try MappedFile(path: path, advice: advice)
            #expect(file.openAdvice.advice == advice)
            #expect(file.withUnsafeBytes { Array($0) } == content)
            switch advice {
            case .willneed:
                #expect(file.openAdvice.populate != nil)
                // Populated means mapped into this process: every page is resident.
                #expect(try file.residency().residentBytes >= content.count)
            case .hugepage:
                #expect(file.openAdvice.hugePage != nil)
                #expect(file.hugePageAlignedAddress)
                #expect(Int(bitPattern: file.region.base) % (2 << 20) == 0)
            default:
                #expect(file.openAdvice.populate == nil)
                #expect(file.openAdvice.hugePage == nil)
            }
            // Advice can be changed later, on a sub-range too.
            let again = try file.advise(.random, offset: 4096 + 5, count: 8192)
            #expect(again.advice == .random)
        }
    }

    @Test("willneed falls back to MAP_POPULATE and to touching pages when told to")
    func populateFallbacks() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/populate.bin"
            let content = Self.pattern(32 * 4096)
            try writeBytes(content, to: path)
            for method in [MappingAdviceReport.PopulateMethod.mapPopulate, .touchedPages] {
                let file = try MappedFile(path: path, advice: .random)
                #expect(try file.residency().residentBytes == 0)
                let report = try file.advise(.willneed, offset: 0, count: nil, populateOrder: [method])
                #expect(report.populate == method)
                #expect(try file.residency().residentBytes >= content.count, "\(method)")
                #expect(file.withUnsafeBytes { Array($0) } == content)
            }
        }
    }

    @Test("on this kernel willneed uses MADV_POPULATE_READ (Linux ≥ 5.14)")
    func populateReadOnModernKernels() throws {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let parts = release.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) }
        guard parts.count >= 2, (parts[0], parts[1]) >= (5, 14) else { return }
        try withTemporaryDirectory { directory in
            let path = directory + "/populate.bin"
            try writeBytes(Self.pattern(8 * 4096), to: path)
            let file = try MappedFile(path: path, advice: .willneed)
            #expect(file.openAdvice.populate == .madvisePopulateRead, "\(file.openAdvice)")
            #expect(file.openAdvice.fallbacks.isEmpty)
        }
    }

    @Test("hugepage: what the kernel does with a 2 MiB-aligned file mapping (observation)")
    func hugePageObservation() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/huge.bin"
            let size = 8 << 20
            try writeBytes(Self.pattern(size), to: path)
            // Start cold, so the page cache can allocate large folios for the mapping.
            try FileDescriptor.openForReading(path).dropCachedPages()
            let file = try MappedFile(path: path, advice: .hugepage)
            #expect(Int(bitPattern: file.region.base) % (2 << 20) == 0)
            var sum = 0
            file.withUnsafeBytes { bytes in
                for page in stride(from: 0, to: bytes.count, by: 4096) { sum &+= Int(bytes[page]) }
            }
            let residency = try file.residency()
            print("MADV_HUGEPAGE on an 8 MiB ext4 file mapping: \(file.openAdvice); \(residency) (checksum \(sum))")
            #expect(residency.residentBytes >= size)
            #expect(residency.hugePageBytes <= residency.residentBytes)
        }
    }

    @Test("smaps parsing sums overlapping VMAs only")
    func smapsParsing() {
        let text = """
        7f0000000000-7f0000200000 r--s 00000000 fd:01 42 /tmp/a
        Rss:                2048 kB
        FilePmdMapped:      2048 kB
        THPeligible:    1
        7f0000200000-7f0000201000 r--s 00200000 fd:01 42 /tmp/a
        Rss:                   4 kB
        FilePmdMapped:         0 kB
        THPeligible:    0
        7f0000300000-7f0000400000 rw-p 00000000 00:00 0
        Rss:                1024 kB
        AnonHugePages:         0 kB
        """
        let residency = MappingResidency.parse(smaps: text, range: 0x7f00_0000_0000..<0x7f00_0020_1000)
        #expect(residency == MappingResidency(residentBytes: 2052 * 1024, hugePageBytes: 2048 * 1024, thpEligible: true, vmaCount: 2))
        #expect(MappingResidency.parse(smaps: text, range: 0x1000..<0x2000) == nil)
    }
}
