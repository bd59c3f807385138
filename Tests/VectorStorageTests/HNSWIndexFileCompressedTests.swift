import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

/// Version 2 of the index file: compressed level-0 links, version 1 files
/// still readable, damaged compressed blocks refused with file and offset.
@Suite("HNSWIndexFile compressed links")
struct HNSWIndexFileCompressedTests {
    static func built() throws -> (HNSWIndex, [[Float]]) {
        let dimension = 16, count = 1_200
        var generator = SeededGenerator(seed: 8)
        let index = try HNSWIndex(dimension: dimension, metric: .l2, parameters: HNSWParameters(m: 8, efConstruction: 60), capacity: count)
        for id in 0..<count {
            try index.insert((0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }, id: UInt64(500 + id))
        }
        let queries = (0..<40).map { _ in (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) } }
        return (index, queries)
    }

    @Test("a compressed file searches exactly like the plain one, in RAM and mapped")
    func compressedFileSearch() throws {
        let (index, queries) = try Self.built()
        let expected = queries.map { index.search($0, k: 10, ef: 40) }
        try withTemporaryDirectory { directory in
            let plainPath = directory + "/plain.hnsw", compressedPath = directory + "/compressed.hnsw"
            let plainSize = try HNSWIndexFile.save(index.image(), to: plainPath)
            let compressedSize = try HNSWIndexFile.save(index.image(links: .compressed), to: compressedPath)
            #expect(compressedSize <= plainSize)
            for mode: SectionedFile.Mode in [.ram, .mapped(advice: .random), .mapped(advice: .normal, verifyChecksums: false)] {
                let file = try HNSWIndexFile(path: compressedPath, mode: mode)
                #expect(file.file.contentVersion == 2)
                #expect(file.file.sections.map(\.kind) == ["PARAMS", "VECTORS", "LINKS0C", "LINKS0O", "LEVELS", "LINKSUP", "LABELS"])
                let reopened = try HNSWIndex(image: file.image)
                #expect(reopened.linkLayout == .compressed)
                #expect(queries.map { reopened.search($0, k: 10, ef: 40) } == expected, "\(mode)")
            }
        }
    }

    @Test("a version 1 file (plain links, no layout field) still opens")
    func versionOneOpens() throws {
        let (index, queries) = try Self.built()
        let image = index.image()
        try withTemporaryDirectory { directory in
            let path = directory + "/v1.hnsw"
            var writer = SectionedFileWriter(contentTag: HNSWIndexFile.contentTag, contentVersion: 1)
            writer.append("PARAMS", bytes: HNSWIndexFile.encodeParams(image))
            writer.append("VECTORS", image.vectors)
            writer.append("LINKS0", image.level0Links)
            writer.append("LEVELS", image.levels)
            writer.append("LINKSUP", image.upperLinks)
            writer.append("LABELS", image.labels)
            try writer.write(to: path)
            let file = try HNSWIndexFile(path: path, mode: .mapped())
            #expect(file.file.contentVersion == 1 && file.image.linkLayout == .plain)
            let reopened = try HNSWIndex(image: file.image)
            #expect(queries.map { reopened.search($0, k: 10, ef: 40) } == queries.map { index.search($0, k: 10, ef: 40) })

            // A version 1 file cannot claim the compressed layout.
            var params = HNSWIndexFile.encodeParams(index.image(links: .compressed))
            #expect(params[44] == 1)
            params[44] = 1
            var claims = SectionedFileWriter(contentTag: HNSWIndexFile.contentTag, contentVersion: 1)
            claims.append("PARAMS", bytes: params)
            try claims.write(to: path)
            #expect(storageError { _ = try HNSWIndexFile(path: path) }
                    == .invalidContent(path: path, "PARAMS: unknown link layout code 1 in a version 1 file"))
        }
    }

    @Test("a damaged compressed block is refused with the file, section and file offset")
    func damagedBlockRefused() throws {
        let (index, _) = try Self.built()
        let image = index.image(links: .compressed)
        let node = 11
        let blockStart = Int(image.level0Offsets.typed(UInt64.self)[node])
        try withTemporaryDirectory { directory in
            let path = directory + "/damaged.hnsw"
            try HNSWIndexFile.save(image, to: path)
            let intact = try HNSWIndexFile(path: path, mode: .mapped())
            let section = try intact.file.section("LINKS0C")
            var bytes = try readBytes(path)
            bytes[section.offset + blockStart] = UInt8(index.parameters.m0 + 5)  // degree > m0
            try writeBytes(bytes, to: path)

            // With checksums the damage is a checksum mismatch of LINKS0C …
            guard case .sectionChecksum(path, section.index, "LINKS0C", _, _)? = storageError({ _ = try HNSWIndexFile(path: path) }) else {
                Issue.record("checksum mismatch not reported"); return
            }
            // … and without them the structural check names the offset.
            let error = storageError { _ = try HNSWIndexFile(path: path, mode: .mapped(verifyChecksums: false)) }
            guard case .invalidContent(path, let text)? = error else { Issue.record("damaged block accepted: \(String(describing: error))"); return }
            #expect(text.contains("section \(section.index) (LINKS0C), file offset \(section.offset + blockStart)"), "\(text)")
            #expect(text.contains("node \(node)") && text.contains("degree"), "\(text)")
            #expect(error?.description.hasPrefix(path) == true)
        }
    }
}
