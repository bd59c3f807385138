#if _endian(big)
#error("dataset files are little-endian and rows are copied without byte swapping; add swapping for big-endian hosts")
#endif

/// Reads vector dataset files (see `DatasetFormat` for the layouts) into dense
/// row-major matrices.
///
/// Files are read through one descriptor with large `pread`s (every call
/// through `SystemCall`), straight into the matrix for `*bin` files and via a
/// chunk buffer for `*vecs` files, whose per-row headers are checked as they
/// stream past. Anything malformed — a short file, a row with another
/// dimension, a header that does not match the size, NaN in a float file —
/// is a `DatasetError` naming the path and byte offset; nothing traps.
public enum DatasetReader {
    /// Reads a file of any format, returning its rows in their stored type.
    public static func read(
        _ path: String, format: DatasetFormat? = nil, options: DatasetReadOptions = .init()
    ) throws(DatasetError) -> Dataset {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        switch format.elementKind {
        case .float32: return .float32(try readMatrix(path, format: format, options: options, as: Float.self))
        case .int32: return .int32(try readMatrix(path, format: format, options: options, as: Int32.self))
        case .uint8: return .uint8(try readMatrix(path, format: format, options: options, as: UInt8.self))
        }
    }

    /// Reads vectors as `Float`: float files as stored, byte files
    /// (bvecs/u8bin) converted component by component. Integer files are
    /// refused — they hold ids (ground truth), not vectors.
    public static func readFloats(
        _ path: String, format: DatasetFormat? = nil, options: DatasetReadOptions = .init()
    ) throws(DatasetError) -> DenseMatrix<Float> {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        switch format.elementKind {
        case .float32: return try readMatrix(path, format: format, options: options, as: Float.self)
        case .uint8: return try readMatrix(path, format: format, options: options, as: UInt8.self).map { Float($0) }
        case .int32: throw .elementTypeMismatch(path: path, format: format, requested: .float32)
        }
    }

    /// Reads an integer file (ivecs/ibin), e.g. ground-truth neighbour ids.
    public static func readInt32s(
        _ path: String, format: DatasetFormat? = nil, options: DatasetReadOptions = .init()
    ) throws(DatasetError) -> DenseMatrix<Int32> {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        return try readMatrix(path, format: format, options: options, as: Int32.self)
    }

    /// Reads a byte file (bvecs/u8bin) without conversion.
    public static func readBytes(
        _ path: String, format: DatasetFormat? = nil, options: DatasetReadOptions = .init()
    ) throws(DatasetError) -> DenseMatrix<UInt8> {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        return try readMatrix(path, format: format, options: options, as: UInt8.self)
    }

    /// Reads a file whose element type must be exactly `Element`.
    public static func readMatrix<Element: DatasetElement>(
        _ path: String, format: DatasetFormat, options: DatasetReadOptions = .init(), as _: Element.Type = Element.self
    ) throws(DatasetError) -> DenseMatrix<Element> {
        guard format.elementKind == Element.datasetElementKind else {
            throw .elementTypeMismatch(path: path, format: format, requested: Element.datasetElementKind)
        }
        let file = try DatasetFile(path: path)
        let matrix: DenseMatrix<Element> = format.hasRowHeaders
            ? try readRowHeaderFile(file, format: format, options: options)
            : try readCountHeaderFile(file, format: format, options: options)
        if Element.self == Float.self, !options.allowNonFinite {
            try rejectNonFinite(matrix as! DenseMatrix<Float>, path: path, format: format)
        }
        return matrix
    }

    /// Format, shape and size from the headers alone (no rows are read), so
    /// it is cheap on any file. A `*vecs` file's count is its whole rows;
    /// `trailingBytes` says how much does not form one.
    public static func info(_ path: String, format: DatasetFormat? = nil) throws(DatasetError) -> DatasetInfo {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        let file = try DatasetFile(path: path)
        let (count, dimension) = format.hasRowHeaders
            ? try rowHeaderShape(file, format: format, maximumDimension: DatasetReadOptions.defaultMaximumDimension)
            : try countHeaderShape(file, format: format, maximumDimension: DatasetReadOptions.defaultMaximumDimension)
        let used = format.fileHeaderBytes + count * format.rowBytes(dimension: dimension)
        return DatasetInfo(path: path, format: format, count: count, dimension: dimension,
                           fileBytes: file.size, trailingBytes: file.size - used)
    }

    /// Rows read per pread for `*vecs` files (headers are checked in between).
    static let chunkBytes = 8 << 20
}
