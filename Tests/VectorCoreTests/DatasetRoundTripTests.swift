import Foundation
import Testing
@testable import VectorCore

/// Scratch directories and hand-built file bytes shared by the dataset tests.
enum DatasetFixture {
    /// A fresh directory under the system temp dir, removed by the caller.
    static func makeDirectory() -> String {
        var template = Array((NSTemporaryDirectory() + "/vecbench-dataset-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let made = mkdtemp(buffer.baseAddress!) else { preconditionFailure("mkdtemp failed: errno \(errno)") }
            return String(cString: made)
        }
    }

    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func writeRaw(_ bytes: [UInt8], to path: String) {
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot create \(path)")
    }

    static func readRaw(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// `*vecs` bytes with a header of `dimension` (default: the row's length) per row.
    static func vecsBytes<T: BitwiseCopyable>(_ rows: [[T]], headerDimension: ((Int) -> Int32)? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, row) in rows.enumerated() {
            let header = headerDimension?(index) ?? Int32(row.count)
            bytes += le32(UInt32(bitPattern: header))
            row.withUnsafeBytes { bytes += $0 }
        }
        return bytes
    }

    /// `*bin` bytes: count, dimension, rows.
    static func binBytes<T: BitwiseCopyable>(_ rows: [[T]], count: UInt32? = nil, dimension: UInt32? = nil) -> [UInt8] {
        var bytes = le32(count ?? UInt32(rows.count)) + le32(dimension ?? UInt32(rows.first?.count ?? 0))
        for row in rows { row.withUnsafeBytes { bytes += $0 } }
        return bytes
    }

    static func floatRows(count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Float(random.nextGaussian()) } }
    }
}

@Suite struct DatasetRoundTripTests {
    @Test func floatFormatsRoundTripAndMatchTheDocumentedLayout() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows = DatasetFixture.floatRows(count: 37, dimension: 19, seed: 1)
        let matrix = DenseMatrix(rows: rows)
        for (name, expected) in [("a.fvecs", DatasetFixture.vecsBytes(rows)), ("a.fbin", DatasetFixture.binBytes(rows))] {
            let path = directory + "/" + name
            try DatasetWriter.write(matrix, to: path)
            #expect(DatasetFixture.readRaw(path) == expected, "\(name) layout")
            let back = try DatasetReader.readFloats(path)
            #expect(back == matrix)
            #expect(back.count == 37 && back.dimension == 19)
        }
    }

    @Test func integerFormatsRoundTrip() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows: [[Int32]] = (0..<11).map { r in (0..<7).map { c in Int32(r * 100 - c) * (c % 2 == 0 ? 1 : -1) } }
        let matrix = DenseMatrix(rows: rows)
        for (name, expected) in [("g.ivecs", DatasetFixture.vecsBytes(rows)), ("g.ibin", DatasetFixture.binBytes(rows))] {
            let path = directory + "/" + name
            try DatasetWriter.write(matrix, to: path)
            #expect(DatasetFixture.readRaw(path) == expected, "\(name) layout")
            #expect(try DatasetReader.readInt32s(path) == matrix)
        }
    }

    @Test func byteFormatsRoundTripAndConvertToFloat() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows: [[UInt8]] = (0..<9).map { r in (0..<5).map { c in UInt8((r * 37 + c * 91) % 256) } }
        let matrix = DenseMatrix(rows: rows)
        for (name, expected) in [("b.bvecs", DatasetFixture.vecsBytes(rows)), ("b.u8bin", DatasetFixture.binBytes(rows))] {
            let path = directory + "/" + name
            try DatasetWriter.write(matrix, to: path)
            #expect(DatasetFixture.readRaw(path) == expected, "\(name) layout")
            #expect(try DatasetReader.readBytes(path) == matrix)
            let floats = try DatasetReader.readFloats(path)
            #expect(floats.elements == rows.flatMap { $0 }.map { Float($0) })
            guard case .uint8(let stored) = try DatasetReader.read(path) else {
                Issue.record("\(name) should read back as uint8"); continue
            }
            #expect(stored == matrix)
        }
    }

    @Test func limitReadsOnlyTheFirstRows() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows = DatasetFixture.floatRows(count: 50, dimension: 8, seed: 2)
        for name in ["l.fvecs", "l.fbin"] {
            let path = directory + "/" + name
            try DatasetWriter.write(DenseMatrix(rows: rows), to: path)
            let first = try DatasetReader.readFloats(path, options: DatasetReadOptions(limit: 13))
            #expect(first == DenseMatrix(rows: Array(rows.prefix(13))))
            #expect(try DatasetReader.readFloats(path, options: DatasetReadOptions(limit: 0)).count == 0)
            #expect(try DatasetReader.readFloats(path, options: DatasetReadOptions(limit: 500)).count == 50)
        }
    }

    @Test func limitStopsBeforeATruncatedTail() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows = DatasetFixture.floatRows(count: 5, dimension: 3, seed: 3)
        let path = directory + "/t.fvecs"
        DatasetFixture.writeRaw(Array(DatasetFixture.vecsBytes(rows).dropLast(2)), to: path)
        #expect(try DatasetReader.readFloats(path, options: DatasetReadOptions(limit: 4)) == DenseMatrix(rows: Array(rows.prefix(4))))
        #expect(throws: DatasetError.self) { try DatasetReader.readFloats(path, options: DatasetReadOptions(limit: 5)) }
    }

    @Test func explicitFormatOverridesTheExtension() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows = DatasetFixture.floatRows(count: 4, dimension: 6, seed: 4)
        let path = directory + "/vectors.data"
        try DatasetWriter.write(DenseMatrix(rows: rows), to: path, format: .fbin)
        #expect(try DatasetReader.readFloats(path, format: .fbin) == DenseMatrix(rows: rows))
        #expect(throws: DatasetError.unknownExtension(path: path, extension: "data")) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test func infoReadsShapeFromHeaders() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let rows = DatasetFixture.floatRows(count: 6, dimension: 10, seed: 5)
        let path = directory + "/i.fvecs"
        DatasetFixture.writeRaw(DatasetFixture.vecsBytes(rows) + [1, 2, 3], to: path)
        let info = try DatasetReader.info(path)
        #expect(info == DatasetInfo(path: path, format: .fvecs, count: 6, dimension: 10, fileBytes: 6 * 44 + 3, trailingBytes: 3))
        let binPath = directory + "/i.u8bin"
        try DatasetWriter.write(DenseMatrix<UInt8>(count: 3, dimension: 2, repeating: 7), to: binPath)
        #expect(try DatasetReader.info(binPath) == DatasetInfo(path: binPath, format: .u8bin, count: 3, dimension: 2,
                                                                 fileBytes: 14, trailingBytes: 0))
    }

    @Test func writerRefusesAMismatchedElementType() {
        let path = "/nonexistent-dir/x.ivecs"
        #expect(throws: DatasetError.elementTypeMismatch(path: path, format: .ivecs, requested: .float32)) {
            try DatasetWriter.write(DenseMatrix<Float>(count: 1, dimension: 1, repeating: 0), to: path)
        }
    }

    @Test func formatsParseFromExtensionsAndNames() throws {
        #expect(try DatasetFormat(path: "/a/b.c/base.FVECS") == .fvecs)
        #expect(try DatasetFormat(path: "x.u8bin") == .u8bin)
        #expect(DatasetFormat(name: "bbin") == .u8bin)
        #expect(throws: DatasetError.unknownExtension(path: "/a.b/noext", extension: "")) { try DatasetFormat(path: "/a.b/noext") }
    }
}
