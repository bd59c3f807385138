import Foundation
import Testing
import TestSupport
import VectorCore
import VectorIndex
import VectorStorage
@testable import VectorEngine

/// Sealed segments with quantized codes and compressed links, through the
/// engine: placements, recall against f32, identical answers for both link
/// layouts, footprints, and damage refused where it lies.
@Suite("Quantized segments")
struct QuantizedSegmentTests {
    static let dimension = 32
    /// Queries are the generator's own stream, not base rows.
    static let data = ClusteredDatasetGenerator(count: 3_000, dimension: dimension, clusters: 24, queries: 60, seed: 5).generate()

    static var points: [Point] {
        (0..<data.base.count).map { Point(id: UInt64($0), vector: data.base.row($0)) }
    }

    static var queries: [[Float]] { (0..<data.queries.count).map { data.queries.row($0) } }

    static func configuration(
        metric: Metric = .l2, storage: StorageMode, quantization: VectorQuantization? = nil, codesInRAM: Bool? = nil,
        oversampling: Double = 3, links: LinkLayout? = nil
    ) -> CollectionConfiguration {
        CollectionConfiguration(
            dimension: dimension, metric: metric, hnsw: .init(m: 12, efConstruction: 100), storage: storage, advice: .random,
            indexingThreshold: data.base.count, maximumBatchSize: 1_000, quantization: quantization, codesInRAM: codesInRAM,
            quantizedSearch: quantization == nil ? nil : QuantizedSearchOptions(oversampling: oversampling, rescore: true),
            links: links)
    }

    /// A collection loaded with every point and sealed into one segment.
    static func loaded(_ engine: Engine, _ name: String, _ configuration: CollectionConfiguration) throws -> Collection {
        let collection = try engine.createCollection(name, configuration: configuration)
        let points = Self.points
        for start in stride(from: 0, to: points.count, by: 1_000) { _ = try collection.upsert(Array(points[start..<start + 1_000])) }
        engine.waitForSeals()
        #expect(collection.statistics().sealedSegments == 1)
        return collection
    }

    static func recall(_ collection: Collection, ef: Int, truth: [[UInt64]]) throws -> Double {
        var hits = 0
        for (query, expected) in zip(queries, truth) {
            hits += Set(try collection.search(query, k: 10, ef: ef).map(\.id)).intersection(expected).count
        }
        return Double(hits) / Double(truth.count * 10)
    }

    @Test("sq8 codes in RAM + f32 on a mapping, rescored: recall within 0.01 of f32 in RAM at the same ef")
    func scalarRecallMatchesFloat() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        let f32 = try Self.loaded(engine, "f32", Self.configuration(storage: .ram))
        let sq8 = try Self.loaded(engine, "sq8", Self.configuration(storage: .mmap, quantization: .scalar(quantile: 0.99)))
        let points = Self.points
        let truth = Self.queries.map { EngineFixtures.exact($0, in: points, k: 10) }
        for ef in [16, 32, 64] {
            let exact = try Self.recall(f32, ef: ef, truth: truth), quantized = try Self.recall(sq8, ef: ef, truth: truth)
            #expect(quantized >= exact - 0.01, "ef \(ef): sq8 + rescore \(quantized) vs f32 \(exact)")
        }
        // The quantized search returns exact f32 distances (rescored).
        let hit = try #require(try sq8.search(Self.queries[0], k: 1, ef: 32).first)
        #expect(hit.distance == Metric.l2.distance(Self.queries[0], points[Int(hit.id)].vector))
        try engine.close()
    }

    @Test("compressed and plain level-0 links give identical answers, before and after reopen", arguments: [false, true])
    func linkLayoutsAnswerAlike(quantized: Bool) throws {
        let directory = TemporaryDirectory()
        let quantization: VectorQuantization? = quantized ? .scalar(quantile: 0.99) : nil
        var engine = try Engine.open(EngineFixtures.configuration(directory.path))
        var plain = try Self.loaded(engine, "plain", Self.configuration(storage: .mmap, quantization: quantization))
        var compressed = try Self.loaded(engine, "compressed", Self.configuration(storage: .mmap, quantization: quantization, links: .compressed))
        let segment = try #require(compressed.lock.withReadLock { compressed.sealed.first })
        #expect(segment.graphs.allSatisfy { $0.linkLayout == .compressed })
        func answers(_ c: Collection) throws -> [[SearchHit]] { try Self.queries.map { try c.search($0, k: 10, ef: 24) } }
        let expected = try answers(plain)
        #expect(try answers(compressed) == expected)
        #expect(compressed.statistics().mappedBytes < plain.statistics().mappedBytes, "compressed links take fewer bytes")
        try engine.close()
        engine = try Engine.open(EngineFixtures.configuration(directory.path))
        plain = try engine.collection("plain")
        compressed = try engine.collection("compressed")
        #expect(try answers(plain) == expected)
        #expect(try answers(compressed) == expected)
        try engine.close()
    }

    @Test("placements: where the codes, links and f32 vectors live, and the bytes they take in RAM and on disk")
    func placements() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        let f32RAM = try Self.loaded(engine, "f32-ram", Self.configuration(storage: .ram))
        let f32Mapped = try Self.loaded(engine, "f32-mmap", Self.configuration(storage: .mmap))
        let sq8RAM = try Self.loaded(engine, "sq8-ram", Self.configuration(storage: .mmap, quantization: .scalar(quantile: 0.99)))
        let sq8Mapped = try Self.loaded(engine, "sq8-mapped", Self.configuration(storage: .mmap, quantization: .scalar(quantile: 0.99), codesInRAM: false))
        let binary = try Self.loaded(engine, "binary", Self.configuration(metric: .cosine, storage: .mmap, quantization: .binary(), oversampling: 8))
        func segment(_ c: Collection) throws -> SealedSegment { try #require(c.lock.withReadLock { c.sealed.first }) }

        #expect(try segment(f32RAM).graphFiles.isEmpty && segment(f32RAM).codes.isEmpty)
        #expect(try segment(f32Mapped).graphFiles.count == 1 && segment(f32Mapped).codes.isEmpty)
        // Codes in RAM: the graph file is mapped for its f32 vectors only,
        // advised random; links were copied out of the mapping.
        let sq8 = try segment(sq8RAM)
        #expect(sq8.codes.count == 1 && sq8.codeFiles.isEmpty && sq8.graphFiles.count == 1)
        #expect(sq8.graphFiles[0].file.mode == .mapped(advice: .random, verifyChecksums: true))
        let whole = try #require(sq8.graphFiles[0].file.mapping?.region)
        let mappedRange = UInt(bitPattern: whole.base)..<UInt(bitPattern: whole.base) + UInt(whole.count)
        let arrays = sq8.graphs[0].arrayRanges
        #expect(mappedRange.contains(arrays[0].lowerBound), "f32 vectors stay on the mapping")
        #expect(!mappedRange.contains(arrays[1].lowerBound), "level-0 links live in RAM")
        #expect(try segment(sq8Mapped).codeFiles.count == 1)
        #expect(try segment(binary).codes.first?.quantization == .binary())

        let n = Self.data.base.count, d = Self.dimension
        let footprints = try [f32RAM, f32Mapped, sq8RAM, sq8Mapped, binary].map { c in
            let statistics = c.statistics()
            return SegmentFootprint(vectors: try #require(statistics.vectors), bytesInRAM: try #require(statistics.vectorBytesInRAM),
                                    bytesOnDisk: try #require(statistics.vectorBytesOnDisk))
        }
        #expect(footprints.allSatisfy { $0.vectors == n })
        #expect(footprints[0].bytesInRAM > n * d * 4, "f32 in RAM holds every float")
        #expect(footprints[1].bytesInRAM == n * 20, "all mapped: only the per-point tables are anonymous memory")
        #expect(footprints[2].bytesInRAM == footprints[0].bytesInRAM - n * d * 3, "sq8 saves three of four bytes per dimension")
        #expect(footprints[2].bytesInRAM > n * d, "codes and links in RAM")
        #expect(footprints[3].bytesInRAM == n * 20)
        // Binary rows are whole 64-bit words: 8 bytes for 32 dimensions.
        #expect(footprints[4].bytesInRAM == footprints[2].bytesInRAM - n * (d - 8))
        #expect(footprints[2].bytesOnDisk > footprints[1].bytesOnDisk + n * d, "codes file on disk too")
        #expect(footprints[0].bytesOnDisk == footprints[1].bytesOnDisk)
        try engine.close()
    }

    @Test("a segment's quantization and codes survive reopen: the same answers from the codes file")
    func reopenKeepsCodes() throws {
        let directory = TemporaryDirectory()
        var engine = try Engine.open(EngineFixtures.configuration(directory.path))
        var collection = try Self.loaded(engine, "b", Self.configuration(metric: .cosine, storage: .mmap, quantization: .binary(), codesInRAM: false, oversampling: 6))
        let before = try Self.queries.map { try collection.search($0, k: 10, ef: 32) }
        try engine.close()
        engine = try Engine.open(EngineFixtures.configuration(directory.path))
        collection = try engine.collection("b")
        #expect(collection.configuration.quantization == .binary())
        #expect(try Self.queries.map { try collection.search($0, k: 10, ef: 32) } == before)
        try engine.close()
    }

    @Test("a damaged compressed block in a segment is refused naming the graph file and the byte offset")
    func damagedCompressedBlock() throws {
        let directory = TemporaryDirectory()
        var engine = try Engine.open(EngineFixtures.configuration(directory.path))
        let collection = try Self.loaded(engine, "c", Self.configuration(storage: .mmap, links: .compressed))
        let segment = try #require(collection.lock.withReadLock { collection.sealed.first })
        let path = segment.directory + "/graph-0.vbs"
        try engine.close()

        let intact = try HNSWIndexFile(path: path, mode: .mapped())
        let section = try intact.file.section("LINKS0C")
        let node = 7
        let blockStart = Int(intact.image.level0Offsets.typed(UInt64.self)[node])
        var bytes = try readBytes(path)
        bytes[section.offset + blockStart] = 0x7F  // a degree far above m0
        Self.resealChecksums(&bytes, section: section)
        try writeBytes(bytes, to: path)

        engine = try Engine.open(EngineFixtures.configuration(directory.path))
        do {
            _ = try engine.collection("c")
            Issue.record("a damaged compressed block was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains(path), "\(text)")
            #expect(text.contains("file offset \(section.offset + blockStart)") && text.contains("node \(node)"), "\(text)")
        }
        try? engine.close()
    }

    /// Rewrites the section, table and header CRCs after a byte changed, so
    /// the damage reaches the structural check (as a bad block written with
    /// a good checksum would).
    static func resealChecksums(_ bytes: inout [UInt8], section: SectionedFile.Section) {
        func store(_ value: UInt32, at offset: Int) {
            for byte in 0..<4 { bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
        let sectionCount = Int(bytes[28]) | Int(bytes[29]) << 8
        store(CRC32C.checksum(bytes[section.offset..<section.offset + section.length]), at: 64 + section.index * 32 + 24)
        store(CRC32C.checksum(bytes[64..<64 + sectionCount * 32]), at: 44)
        store(CRC32C.checksum(bytes[0..<60]), at: 60)
    }
}
