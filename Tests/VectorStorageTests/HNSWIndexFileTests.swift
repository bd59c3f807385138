import Foundation
import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

@Suite("HNSWIndexFile")
struct HNSWIndexFileTests {
    static let modes: [SectionedFile.Mode] = [
        .ram, .mapped(advice: .normal), .mapped(advice: .random), .mapped(advice: .willneed),
        .mapped(advice: .hugepage), .mapped(advice: .random, verifyChecksums: false),
    ]
    static let sectionKinds: [FormatTag] = ["PARAMS", "VECTORS", "LINKS0", "LEVELS", "LINKSUP", "LABELS"]

    @Test("round trip is byte for byte in every mode", arguments: modes)
    func roundTrip(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            for (count, dimension, metric) in [(0, 4, Metric.l2), (1, 3, .cosine), (23, 5, .innerProduct), (300, 16, .l2)] {
                let image = makeImage(count: count, dimension: dimension, m: 3, metric: metric, seed: UInt64(count))
                try image.validate()
                let path = directory + "/index-\(count).hnsw"
                let size = try HNSWIndexFile.save(image, to: path)
                #expect(size == (try readBytes(path)).count)
                let opened = try HNSWIndexFile(path: path, mode: mode)
                #expect(expectSameImage(opened.image, image) == [], "count \(count), \(mode)")
                #expect(opened.file.sections.map(\.kind) == Self.sectionKinds)
                if mode.storage == .mmap, count > 0 {
                    // Regions point into the mapping, not into copies.
                    let mapping = try #require(opened.file.mapping)
                    let start = Int(bitPattern: mapping.region.base)
                    let vectors = Int(bitPattern: opened.image.vectors.base)
                    #expect(vectors >= start && vectors < start + mapping.count)
                    #expect(opened.image.vectors.owner === mapping)
                }
            }
        }
    }

    @Test("the loaded image outlives the file object and the file on disk")
    func imageOutlivesFile() throws {
        try withTemporaryDirectory { directory in
            let image = makeImage(count: 40, dimension: 8)
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(image, to: path)
            let loaded = try HNSWIndexFile.load(from: path, mode: .mapped(advice: .willneed))
            try FileManager.default.removeItem(atPath: path)
            #expect(expectSameImage(loaded, image) == [])
            try loaded.validate()
        }
    }

    @Test("large sections are 2 MiB aligned with hugePageAlignment and still round trip")
    func hugePageAligned() throws {
        try withTemporaryDirectory { directory in
            let image = makeImage(count: 5_000, dimension: 128, m: 4)  // 2.56 MB of vectors
            let path = directory + "/huge.hnsw"
            try HNSWIndexFile.save(image, to: path, hugePageAlignment: true)
            let opened = try HNSWIndexFile(path: path, mode: .mapped(advice: .hugepage))
            let vectors = try opened.file.section("VECTORS")
            #expect(vectors.offset % (2 << 20) == 0)
            #expect(Int(bitPattern: opened.image.vectors.base) % (2 << 20) == 0)
            #expect(try opened.file.section("LINKS0").offset % 4096 == 0)
            #expect(expectSameImage(opened.image, image) == [])
            #expect(opened.file.mapping?.openAdvice.hugePage != nil)
        }
    }

    @Test("truncation anywhere is refused, naming the file", arguments: [SectionedFile.Mode.ram, .mapped(advice: .random)])
    func truncation(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(makeImage(count: 50, dimension: 6), to: path)
            let good = try readBytes(path)
            for cut in [0, 7, 63, 64, 100, 4096, 4096 + 30, 8192, good.count / 2, good.count - 1] where cut < good.count {
                try writeBytes(Array(good[..<cut]), to: path)
                let error = storageError { _ = try HNSWIndexFile(path: path, mode: mode) }
                #expect(error?.path == path, "cut at \(cut): \(String(describing: error))")
                switch error {
                case .truncatedHeader(_, let fileSize, _)?: #expect(fileSize == cut && cut < 64 + 6 * 32)
                case .sectionOutOfBounds(_, _, _, let offset, let length, let fileSize)?:
                    #expect(fileSize == cut && offset + length > cut)
                default: Issue.record("cut at \(cut): unexpected \(String(describing: error))")
                }
            }
        }
    }

    @Test("a flipped byte in each section is caught by its checksum", arguments: [SectionedFile.Mode.ram, .mapped()])
    func flippedBytes(_ mode: SectionedFile.Mode) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(makeImage(count: 50, dimension: 6), to: path)
            let good = try readBytes(path)
            let sections = try SectionedFile(path: path).sections
            for section in sections {
                var damaged = good
                damaged[section.offset + section.length / 2] ^= 0x10
                try writeBytes(damaged, to: path)
                let error = storageError { _ = try HNSWIndexFile(path: path, mode: mode) }
                guard case .sectionChecksum(path, section.index, section.kind.description, section.checksum, let computed)? = error else {
                    Issue.record("\(section.kind): unexpected \(String(describing: error))"); continue
                }
                #expect(computed != section.checksum)
                #expect(error?.description.contains(section.kind.description) == true)
            }
        }
    }

    @Test("unverified mapped open still refuses a graph that links out of range")
    func structuralValidationWithoutChecksums() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(makeImage(count: 50, dimension: 6, m: 2), to: path)
            var raw = try readBytes(path)
            let links = try SectionedFile(path: path).section("LINKS0")
            // Node 0's first neighbour (word 1 of its slots) becomes 0xFFFF_FFFF.
            for byte in 4..<8 { raw[links.offset + byte] = 0xFF }
            try writeBytes(raw, to: path)
            let error = storageError { _ = try HNSWIndexFile(path: path, mode: .mapped(advice: .random, verifyChecksums: false)) }
            guard case .invalidContent(path, let text)? = error else {
                Issue.record("unexpected \(String(describing: error))"); return
            }
            #expect(text.contains("4294967295"))
        }
    }

    @Test("wrong magic, another content, and unsupported versions are named")
    func wrongFiles() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(makeImage(count: 5, dimension: 2), to: path)
            var raw = try readBytes(path)
            raw[0] = UInt8(ascii: "X")
            try writeBytes(raw, to: path)
            guard case .badMagic(path, _)? = storageError({ _ = try HNSWIndexFile(path: path) }) else {
                Issue.record("expected bad magic"); return
            }

            let fvecs = directory + "/base.fvecs"
            try writeBytes([4, 0, 0, 0] + [UInt8](repeating: 0, count: 16), to: fvecs)
            #expect(storageError { _ = try HNSWIndexFile(path: fvecs) } == .truncatedHeader(path: fvecs, fileSize: 20, needed: 64))

            var other = SectionedFileWriter(contentTag: "SEGMENT", contentVersion: 1)
            other.append("PARAMS", bytes: [UInt8](repeating: 0, count: 64))
            try other.write(to: path)
            #expect(storageError { _ = try HNSWIndexFile(path: path) } == .wrongContent(path: path, found: "SEGMENT", expected: "HNSWINDX"))

            var future = SectionedFileWriter(contentTag: HNSWIndexFile.contentTag, contentVersion: 3)
            future.append("PARAMS", bytes: [UInt8](repeating: 0, count: 64))
            try future.write(to: path)
            let error = storageError { _ = try HNSWIndexFile(path: path, mode: .mapped()) }
            #expect(error == .unsupportedVersion(path: path, what: "HNSWINDX", found: 3, supported: 1...2))
            #expect(error?.description == "\(path): unsupported HNSWINDX version 3 (this build reads 1…2)")
        }
    }

    @Test("inconsistent sections: missing, wrong length, bad params")
    func inconsistentSections() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            let image = makeImage(count: 10, dimension: 3)
            func sections(of image: HNSWImage) -> [(FormatTag, MemoryRegion)] {
                [("PARAMS", HNSWIndexFile.encodeParams(image).withUnsafeBytes { MemoryRegion.copying($0) }),
                 ("VECTORS", image.vectors), ("LINKS0", image.level0Links), ("LEVELS", image.levels),
                 ("LINKSUP", image.upperLinks), ("LABELS", image.labels)]
            }
            func write(_ sections: [(FormatTag, MemoryRegion)]) throws -> StorageError? {
                var writer = SectionedFileWriter(contentTag: HNSWIndexFile.contentTag, contentVersion: 1)
                for (kind, region) in sections { writer.append(kind, region) }
                try writer.write(to: path)
                return storageError { _ = try HNSWIndexFile(path: path) }
            }
            #expect(try write(sections(of: image)) == nil)
            #expect(try write(sections(of: image).filter { $0.0 != "LABELS" }) == .missingSection(path: path, kind: "LABELS"))

            var short = sections(of: image)
            short[1].1 = MemoryRegion(base: image.vectors.base, count: image.vectors.count - 4, owner: image.vectors.owner)
            guard case .invalidContent(path, let text)? = try write(short) else { Issue.record("short VECTORS accepted"); return }
            #expect(text.contains("VECTORS") && text.contains("\(image.vectors.count)"))

            var badMetric = sections(of: image)
            var params = HNSWIndexFile.encodeParams(image)
            params[4] = 9
            badMetric[0].1 = params.withUnsafeBytes { MemoryRegion.copying($0) }
            #expect(try write(badMetric) == .invalidContent(path: path, "PARAMS: unknown metric code 9"))

            var wrongEntry = image
            wrongEntry.entryPoint = 0  // node 0 is on level 0, not the top level
            guard case .invalidContent(path, let reason)? = try write(sections(of: wrongEntry)) else {
                Issue.record("entry point below max level accepted"); return
            }
            #expect(reason.contains("entry point"))
        }
    }

    @Test("save refuses an invalid image and writes nothing")
    func saveRefusesInvalidImage() throws {
        try withTemporaryDirectory { directory in
            var image = makeImage(count: 10, dimension: 3)
            image.count = 11  // regions are one node short
            let path = directory + "/bad.hnsw"
            guard case .invalidContent(path, let text)? = storageError({ try HNSWIndexFile.save(image, to: path) }) else {
                Issue.record("invalid image saved"); return
            }
            #expect(text.hasPrefix("refusing to save"))
            let remaining = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(remaining.isEmpty)
        }
    }
}
