/// Writes dense matrices as dataset files (layouts in `DatasetFormat`),
/// atomically: through `AtomicFileWriter`, so a reader never sees half a file
/// and a completed write survives a crash.
public enum DatasetWriter {
    /// Writes `matrix` to `path` in `format`, or the format `path`'s extension
    /// names. The element type must match the format (`Float` for fvecs/fbin,
    /// `Int32` for ivecs/ibin, `UInt8` for bvecs/u8bin).
    public static func write<Element: DatasetElement>(
        _ matrix: DenseMatrix<Element>, to path: String, format: DatasetFormat? = nil
    ) throws(DatasetError) {
        let format = try DatasetFormat.resolve(path: path, explicit: format)
        guard format.elementKind == Element.datasetElementKind else {
            throw .elementTypeMismatch(path: path, format: format, requested: Element.datasetElementKind)
        }
        // Header fields are 32-bit; a zero dimension cannot be read back.
        let countLimit = format.hasRowHeaders ? Int.max : Int(UInt32.max)
        guard matrix.dimension > 0, matrix.dimension <= Int(Int32.max), matrix.count <= countLimit else {
            throw .tooLargeForFormat(path: path, format: format, count: matrix.count, dimension: matrix.dimension)
        }
        do {
            let writer = try AtomicFileWriter(path: path)
            let rowBytes = matrix.dimension * MemoryLayout<Element>.stride
            try matrix.withUnsafeBufferPointer { (elements: UnsafeBufferPointer<Element>) throws(SystemError) in
                let bytes = UnsafeRawBufferPointer(elements)
                if format.hasRowHeaders {
                    let header = UInt32(matrix.dimension)
                    for row in 0..<matrix.count {
                        try writer.append(littleEndian: header)
                        try writer.append(UnsafeRawBufferPointer(rebasing: bytes[(row * rowBytes)..<((row + 1) * rowBytes)]))
                    }
                } else {
                    try writer.append(littleEndian: UInt32(matrix.count))
                    try writer.append(littleEndian: UInt32(matrix.dimension))
                    try writer.append(bytes)
                }
            }
            try writer.commit()
        } catch {
            throw .system(error)
        }
    }
}
