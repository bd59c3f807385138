import CHDF5
import Foundation
import Testing
import VectorCore

/// ann-benchmarks' HDF5 layout, on small files the tests write through
/// libhdf5 the way h5py does (variable-length UTF-8 string attributes).
@Suite("ann-benchmarks HDF5 datasets")
struct ANNBenchmarksDatasetTests {
    struct Contents {
        var train: [[Float]] = [[0, 0], [1, 0], [0, 1], [5, 5]]
        var test: [[Float]] = [[0.1, 0], [4, 4]]
        var neighbors: [[Int32]]? = [[0, 1], [3, 1]]
        var distances: [[Float]]? = [[0.1, 0.9], [1.4, 5]]
        var distance: String? = "euclidean"
        var dimension: Int64? = 2
    }

    static func write(_ contents: Contents, to path: String) {
        var file: Int64 = 0
        #expect(Int(vb_h5_create(path, &file)) == VB_H5_OK)
        defer { vb_h5_close(file) }
        func floats(_ name: String, _ rows: [[Float]]) {
            let flat = rows.flatMap { $0 }
            let width = rows.first?.count ?? 0
            #expect(Int(vb_h5_write_float(file, name, flat, Int64(flat.count / max(width, 1)), Int64(width))) == VB_H5_OK)
        }
        floats("train", contents.train)
        floats("test", contents.test)
        if let neighbors = contents.neighbors {
            let flat = neighbors.flatMap { $0 }
            #expect(Int(vb_h5_write_int32(file, "neighbors", flat, Int64(neighbors.count), Int64(neighbors[0].count))) == VB_H5_OK)
        }
        if let distances = contents.distances { floats("distances", distances) }
        if let distance = contents.distance { #expect(Int(vb_h5_write_string_attribute(file, "distance", distance)) == VB_H5_OK) }
        if let dimension = contents.dimension { #expect(Int(vb_h5_write_integer_attribute(file, "dimension", dimension)) == VB_H5_OK) }
    }

    static func withFile<T>(_ contents: Contents, _ body: (String) throws -> T) rethrows -> T {
        let path = NSTemporaryDirectory() + "vecbench-hdf5-\(UUID().uuidString).hdf5"
        write(contents, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @Test("train, test, neighbors, distances and the metric read back as written")
    func roundTrip() throws {
        let dataset = try Self.withFile(Contents()) { try ANNBenchmarksDataset.read($0) }
        #expect(dataset.base.count == 4 && dataset.base.dimension == 2 && dataset.base.row(3) == [5, 5])
        #expect(dataset.queries.row(1) == [4, 4])
        #expect(dataset.neighbors.row(1) == [3, 1])
        #expect(dataset.distances?.row(0) == [0.1, 0.9])
        #expect(dataset.metric == .l2)
    }

    @Test("each distance spelling maps to its metric", arguments: [("euclidean", Metric.l2), ("angular", .cosine), ("dot", .innerProduct)])
    func metrics(spelling: String, metric: Metric) throws {
        var contents = Contents()
        contents.distance = spelling
        #expect(try Self.withFile(contents) { try ANNBenchmarksDataset.read($0) }.metric == metric)
    }

    @Test("a missing dataset, a wrong shape, an unknown distance or disagreeing parts is an error naming file and item")
    func refusals() {
        var noNeighbors = Contents()
        noNeighbors.neighbors = nil
        Self.withFile(noNeighbors) { path in
            #expect(throws: HDF5Error.missingDataset(path: path, dataset: "neighbors")) { try ANNBenchmarksDataset.read(path) }
        }
        var unknown = Contents()
        unknown.distance = "hamming"
        Self.withFile(unknown) { path in
            #expect(throws: HDF5Error.unknownDistance(path: path, value: "hamming")) { try ANNBenchmarksDataset.read(path) }
        }
        var shortNeighbors = Contents()
        shortNeighbors.neighbors = [[0, 1]]
        shortNeighbors.distances = nil
        Self.withFile(shortNeighbors) { path in
            #expect(throws: HDF5Error.inconsistent(path: path, detail: "neighbors has 1 rows for 2 test queries")) {
                try ANNBenchmarksDataset.read(path)
            }
        }
        var wrongDimension = Contents()
        wrongDimension.dimension = 3
        Self.withFile(wrongDimension) { path in
            #expect(throws: HDF5Error.inconsistent(path: path, detail: "the dimension attribute says 3, train has 2")) {
                try ANNBenchmarksDataset.read(path)
            }
        }
        var outOfRange = Contents()
        outOfRange.neighbors = [[0, 9], [3, 1]]
        Self.withFile(outOfRange) { path in
            #expect(throws: HDF5Error.inconsistent(path: path, detail: "neighbors holds id 9, outside train's 0..<4")) {
                try ANNBenchmarksDataset.read(path)
            }
        }
        #expect(throws: HDF5Error.unreadableFile(path: "/nonexistent/x.hdf5")) { try ANNBenchmarksDataset.read("/nonexistent/x.hdf5") }
    }

    @Test("a file that is not HDF5 is refused, not crashed on")
    func notHDF5() throws {
        let path = NSTemporaryDirectory() + "vecbench-not-hdf5-\(UUID().uuidString).hdf5"
        try Data("not an hdf5 file".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: HDF5Error.unreadableFile(path: path)) { try ANNBenchmarksDataset.read(path) }
    }
}
