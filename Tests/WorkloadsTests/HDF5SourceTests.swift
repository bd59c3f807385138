import CHDF5
import Foundation
import Testing
import VectorCore
@testable import Workloads

/// An ann-benchmarks HDF5 file as a workload's data source, on a small
/// file written here through libhdf5 (as h5py writes them).
@Suite("ann-benchmarks HDF5 as a workload source")
struct HDF5SourceTests {
    typealias F = WorkloadFixtures

    /// Row r of `train` is (r, r, r, r); row r of `test` is (−r − 1, …), so
    /// every vector says where it came from.
    static func write(_ path: String, trainRows: Int, testRows: Int, dimension: Int = 4, distance: String? = "euclidean",
                      leaveOut: String? = nil) {
        var file: Int64 = 0
        #expect(Int(vb_h5_create(path, &file)) == VB_H5_OK)
        defer { vb_h5_close(file) }
        let train = (0..<trainRows).flatMap { [Float](repeating: Float($0), count: dimension) }
        let test = (0..<testRows).flatMap { [Float](repeating: -Float($0) - 1, count: dimension) }
        if leaveOut != "train" { #expect(Int(vb_h5_write_float(file, "train", train, Int64(trainRows), Int64(dimension))) == VB_H5_OK) }
        if leaveOut != "test" { #expect(Int(vb_h5_write_float(file, "test", test, Int64(testRows), Int64(dimension))) == VB_H5_OK) }
        if let distance { #expect(Int(vb_h5_write_string_attribute(file, "distance", distance)) == VB_H5_OK) }
    }

    static let yaml = """
        seed: 1
        data:
          dimension: 4
          tenants: {count: 3, sizes: {fixed: 10}}
          source: {file: glove.hdf5}
          queries_per_tenant: 2
        phases:
          - {operations: 10, arrival: {closed: {clients: 1}}, mix: {upsert: 1}}
        """

    @Test("points and the upsert pool come from train, queries from test, tenant by tenant")
    func dealsRows() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.write("\(directory)/glove.hdf5", trainRows: 30 + 12, testRows: 6)
        try Self.yaml.write(toFile: "\(directory)/w.yaml", atomically: true, encoding: .utf8)
        let workload = try WorkloadFile.load(path: "\(directory)/w.yaml")
        let data = try TenantDataGenerator(workload: workload)
        func rowNumbers(_ matrix: DenseMatrix<Float>) -> [Int] { (0..<matrix.count).map { Int(matrix.row($0)[0]) } }
        #expect(rowNumbers(data.baseVectors(tenant: 1)) == Array(10..<20))
        // test rows 4 and 5 (tenant 2's two queries) hold −5 and −6.
        #expect(rowNumbers(data.queries(tenant: 2)) == [-5, -6])
        // Pool: train rows 30..<42, 4 per tenant; tenant 1's upserts take 34..<38 and wrap.
        #expect(rowNumbers(data.vectors(tenant: 1, firstID: 10, count: 6)) == [34, 35, 36, 37, 34, 35])
    }

    func parseError(_ directory: String, _ yaml: String = HDF5SourceTests.yaml) throws -> WorkloadError {
        try #require(throws: WorkloadError.self) {
            try WorkloadFile.parse(yaml: yaml, source: "w.yaml", baseDirectory: directory)
        }
    }

    @Test("a missing dataset, a wrong shape, too few rows or another metric is an error at data.source")
    func errors() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/glove.hdf5"

        Self.write(path, trainRows: 42, testRows: 6, leaveOut: "test")
        var error = try parseError(directory)
        #expect(error.fieldPath == "data.source" && error.line == 5 && error.column == 11)
        #expect(error.message.contains("no dataset 'test'"), "\(error)")

        try FileManager.default.removeItem(atPath: path)
        Self.write(path, trainRows: 42, testRows: 6, dimension: 8)
        error = try parseError(directory)
        #expect(error.message.contains("train has dimension 8, but data.dimension is 4"), "\(error)")

        try FileManager.default.removeItem(atPath: path)
        Self.write(path, trainRows: 30, testRows: 6)
        error = try parseError(directory)
        #expect(error.message.contains("train holds 30 rows; the workload needs at least 33"), "\(error)")

        try FileManager.default.removeItem(atPath: path)
        Self.write(path, trainRows: 42, testRows: 5)
        error = try parseError(directory)
        #expect(error.message.contains("test holds 5 rows; the workload needs 6 queries"), "\(error)")

        try FileManager.default.removeItem(atPath: path)
        Self.write(path, trainRows: 42, testRows: 6, distance: "angular")
        error = try parseError(directory)
        #expect(error.message.contains("'angular' dataset (cosine), but data.metric is l2"), "\(error)")
        // The same file is fine for a cosine workload.
        let cosine = Self.yaml.replacingOccurrences(of: "dimension: 4", with: "dimension: 4\n  metric: cosine")
        #expect(try WorkloadFile.parse(yaml: cosine, source: "w.yaml", baseDirectory: directory).data.metric == .cosine)
    }
}
