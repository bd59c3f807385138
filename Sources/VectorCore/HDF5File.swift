import CHDF5

/// An HDF5 file opened read-only, through libhdf5 (Debian `libhdf5-dev`).
/// It reads the few things ann-benchmarks' files hold: 2-D numeric datasets
/// and root attributes. Datasets are converted to the element type asked
/// for (float64 → float32, int64 → int32) by libhdf5 itself.
public final class HDF5File {
    public let path: String
    private let id: Int64

    /// Elements one dataset read may allocate (8 GiB of f32).
    public static let maximumElements: Int64 = 1 << 31

    public init(path: String) throws(HDF5Error) {
        var id: Int64 = 0
        guard Int(vb_h5_open(path, &id)) == VB_H5_OK else { throw .unreadableFile(path: path) }
        self.path = path
        self.id = id
    }

    deinit { vb_h5_close(id) }

    /// Rows and columns of a 2-D numeric dataset; nil when it is missing.
    public func matrixShape(_ dataset: String) throws(HDF5Error) -> (rows: Int, columns: Int, isFloat: Bool)? {
        var shape = vb_h5_shape()
        switch Int(vb_h5_dataset_shape(id, dataset, &shape)) {
        case VB_H5_OK: break
        case VB_H5_MISSING: return nil
        default: throw .unreadable(path: path, item: "dataset '\(dataset)'")
        }
        let dimensions = [shape.dimensions.0, shape.dimensions.1, shape.dimensions.2, shape.dimensions.3]
            .prefix(Int(max(0, min(shape.rank, 4))))
        let described = "rank \(shape.rank) [\(dimensions.map(String.init).joined(separator: " × "))]"
        guard shape.rank == 2 else { throw .wrongShape(path: path, dataset: dataset, found: described, expected: "a 2-D matrix") }
        guard Int(shape.element_class) == VB_H5_CLASS_FLOAT || Int(shape.element_class) == VB_H5_CLASS_INTEGER else {
            throw .wrongShape(path: path, dataset: dataset, found: "\(described) of non-numeric elements", expected: "numbers")
        }
        let rows = shape.dimensions.0, columns = shape.dimensions.1
        guard rows.multipliedReportingOverflow(by: columns).partialValue <= Self.maximumElements,
              !rows.multipliedReportingOverflow(by: columns).overflow else {
            throw .tooLarge(path: path, dataset: dataset, elements: rows &* columns)
        }
        return (Int(rows), Int(columns), Int(shape.element_class) == VB_H5_CLASS_FLOAT)
    }

    public func floatMatrix(_ dataset: String) throws(HDF5Error) -> DenseMatrix<Float> {
        guard let shape = try matrixShape(dataset) else { throw .missingDataset(path: path, dataset: dataset) }
        var elements = [Float](repeating: 0, count: shape.rows * shape.columns)
        let status = elements.withUnsafeMutableBufferPointer {
            vb_h5_read_float(id, dataset, $0.baseAddress, Int64($0.count))
        }
        guard Int(status) == VB_H5_OK else { throw .unreadable(path: path, item: "dataset '\(dataset)'") }
        return DenseMatrix(count: shape.rows, dimension: shape.columns, elements: elements)
    }

    public func int32Matrix(_ dataset: String) throws(HDF5Error) -> DenseMatrix<Int32> {
        guard let shape = try matrixShape(dataset) else { throw .missingDataset(path: path, dataset: dataset) }
        guard !shape.isFloat else {
            throw .wrongShape(path: path, dataset: dataset, found: "floating point", expected: "integer ids")
        }
        var elements = [Int32](repeating: 0, count: shape.rows * shape.columns)
        let status = elements.withUnsafeMutableBufferPointer {
            vb_h5_read_int32(id, dataset, $0.baseAddress, Int64($0.count))
        }
        guard Int(status) == VB_H5_OK else { throw .unreadable(path: path, item: "dataset '\(dataset)'") }
        return DenseMatrix(count: shape.rows, dimension: shape.columns, elements: elements)
    }

    /// A root attribute as text; nil when absent.
    public func stringAttribute(_ name: String) throws(HDF5Error) -> String? {
        var buffer = [CChar](repeating: 0, count: 4_096)
        switch Int(vb_h5_string_attribute(id, name, &buffer, buffer.count)) {
        case VB_H5_OK: return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        case VB_H5_MISSING: return nil
        default: throw .unreadable(path: path, item: "attribute '\(name)'")
        }
    }

    /// A root attribute as an integer; nil when absent.
    public func integerAttribute(_ name: String) throws(HDF5Error) -> Int64? {
        var value: Int64 = 0
        switch Int(vb_h5_integer_attribute(id, name, &value)) {
        case VB_H5_OK: return value
        case VB_H5_MISSING: return nil
        default: throw .unreadable(path: path, item: "attribute '\(name)'")
        }
    }
}
