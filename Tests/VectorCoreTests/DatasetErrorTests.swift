import Foundation
import Testing
@testable import VectorCore

/// Malformed files: each must be refused with the error that names the path,
/// the byte offset and what is wrong — never a crash, never garbage rows.
@Suite struct DatasetErrorTests {
    /// 5 rows × 3 floats: 16 bytes per row, 80 bytes in all.
    let rows = DatasetFixture.floatRows(count: 5, dimension: 3, seed: 11)

    @Test(arguments: [1, 3, 4, 10, 15, 17, 20, 47, 63, 65, 79])
    func truncatedVecsFileNamesTheRowAndItsOffset(cut: Int) throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/cut.fvecs"
        DatasetFixture.writeRaw(Array(DatasetFixture.vecsBytes(rows).prefix(cut)), to: path)
        let row = cut / 16
        let expected = DatasetError.truncatedRow(
            path: path, row: row, offset: row * 16, expectedBytes: cut < 4 ? 4 : 16, availableBytes: cut - row * 16)
        #expect(throws: expected) { try DatasetReader.readFloats(path) }
        #expect(expected.description.contains(path) && expected.description.contains("byte offset \(row * 16)"))
    }

    @Test(arguments: [1, 7, 8, 9, 20, 67])
    func truncatedBinFileIsAHeaderMismatchOrAShortHeader(cut: Int) throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/cut.fbin"
        let full = DatasetFixture.binBytes(rows)  // 8 + 60 bytes
        DatasetFixture.writeRaw(Array(full.prefix(cut)), to: path)
        if cut < 8 {
            #expect(throws: DatasetError.truncatedHeader(path: path, expectedBytes: 8, availableBytes: cut)) {
                try DatasetReader.readFloats(path)
            }
        } else {
            let expected = DatasetError.headerSizeMismatch(path: path, count: 5, dimension: 3, expectedBytes: 68, actualBytes: cut)
            #expect(throws: expected) { try DatasetReader.readFloats(path) }
            let row = (cut - 8) / 12
            #expect(expected.description.contains("row \(row) at byte offset \(8 + row * 12) is incomplete"))
        }
    }

    @Test func binHeaderCountingTooFewRowsIsAMismatch() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/long.fbin"
        DatasetFixture.writeRaw(DatasetFixture.binBytes(rows, count: 4), to: path)
        #expect(throws: DatasetError.headerSizeMismatch(path: path, count: 4, dimension: 3, expectedBytes: 56, actualBytes: 68)) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test func inconsistentDimensionMidFile() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/mixed.ivecs"
        let table: [[Int32]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9, 10], [11, 12, 13]]
        DatasetFixture.writeRaw(DatasetFixture.vecsBytes(table), to: path)
        #expect(throws: DatasetError.inconsistentDimension(path: path, row: 2, offset: 32, found: 4, expected: 3)) {
            try DatasetReader.readInt32s(path)
        }
        // Reading stops before the bad row: the rows before it are fine.
        #expect(try DatasetReader.readInt32s(path, options: DatasetReadOptions(limit: 2)) == DenseMatrix(rows: Array(table.prefix(2))))
    }

    @Test func shorterFinalRowIsReportedAsItsDimensionNotAsTruncation() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/tail.fvecs"
        DatasetFixture.writeRaw(DatasetFixture.vecsBytes(Array(rows.prefix(3)) + [[1, 2]]), to: path)
        #expect(throws: DatasetError.inconsistentDimension(path: path, row: 3, offset: 48, found: 2, expected: 3)) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test(arguments: [Int32(0), -5, 1 << 20, Int32.max])
    func absurdFirstDimensionIsRefused(dimension: Int32) throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/bad.fvecs"
        DatasetFixture.writeRaw(DatasetFixture.vecsBytes(rows, headerDimension: { _ in dimension }), to: path)
        #expect(throws: DatasetError.invalidDimension(path: path, row: 0, offset: 0, dimension: Int64(dimension),
                                                      maximum: DatasetReadOptions.defaultMaximumDimension)) {
            try DatasetReader.readFloats(path)
        }
        let binPath = directory + "/bad.fbin"
        DatasetFixture.writeRaw(DatasetFixture.binBytes(rows, dimension: UInt32(bitPattern: dimension)), to: binPath)
        #expect(throws: DatasetError.invalidDimension(path: binPath, row: nil, offset: 4, dimension: Int64(UInt32(bitPattern: dimension)),
                                                      maximum: DatasetReadOptions.defaultMaximumDimension)) {
            try DatasetReader.readFloats(binPath)
        }
    }

    @Test func emptyFileIsRefused() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        for name in ["e.fvecs", "e.u8bin"] {
            let path = directory + "/" + name
            DatasetFixture.writeRaw([], to: path)
            #expect(throws: DatasetError.emptyFile(path: path)) { try DatasetReader.read(path) }
            #expect(throws: DatasetError.emptyFile(path: path)) { try DatasetReader.info(path) }
        }
    }

    @Test func missingFileIsASystemErrorNamingThePath() {
        let path = "/nonexistent-vecbench-dir/base.fvecs"
        #expect(throws: DatasetError.system(SystemError(operation: "open", path: path, errno: ENOENT))) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test func nanInVecsIsLocatedByRowComponentAndOffset() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        var poisoned = rows
        poisoned[2][1] = .nan
        let path = directory + "/nan.fvecs"
        DatasetFixture.writeRaw(DatasetFixture.vecsBytes(poisoned), to: path)
        do {
            _ = try DatasetReader.readFloats(path)
            Issue.record("NaN was accepted")
        } catch {
            guard case .nonFinite(let errorPath, let row, let component, let offset, let value) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(errorPath == path && row == 2 && component == 1 && offset == 2 * 16 + 4 + 4 && value.isNaN)
        }
        let allowed = try DatasetReader.readFloats(path, options: DatasetReadOptions(allowNonFinite: true))
        #expect(allowed.row(2)[1].isNaN && allowed.row(2)[0] == rows[2][0])
    }

    @Test func infinityInBinPastTheFirstVectorBlockIsLocated() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        var wide = DatasetFixture.floatRows(count: 3, dimension: 40, seed: 12)
        wide[1][37] = -.infinity
        let path = directory + "/inf.fbin"
        DatasetFixture.writeRaw(DatasetFixture.binBytes(wide), to: path)
        #expect(throws: DatasetError.nonFinite(path: path, row: 1, component: 37, offset: 8 + (40 + 37) * 4, value: -.infinity)) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test func readingIdsAsFloatsIsATypeMismatch() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/gt.ivecs"
        try DatasetWriter.write(DenseMatrix<Int32>(count: 2, dimension: 2, repeating: 1), to: path)
        #expect(throws: DatasetError.elementTypeMismatch(path: path, format: .ivecs, requested: .float32)) {
            try DatasetReader.readFloats(path)
        }
    }

    @Test func directoryIsRefusedNotRead() {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/dir.fvecs"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: DatasetError.system(SystemError(operation: "open", path: path, errno: EISDIR))) {
            try DatasetReader.readFloats(path)
        }
    }
}
