/// `*bin` files (BigANN): `uint32 count, uint32 dimension`, then the rows.
extension DatasetReader {
    /// Validates the header against the file size and returns (count, dimension).
    static func countHeaderShape(
        _ file: DatasetFile, format: DatasetFormat, maximumDimension: Int
    ) throws(DatasetError) -> (count: Int, dimension: Int) {
        guard file.size > 0 else { throw .emptyFile(path: file.path) }
        guard file.size >= 8, let countWord = try file.readUInt32(at: 0),
              let dimensionWord = try file.readUInt32(at: 4) else {
            throw .truncatedHeader(path: file.path, expectedBytes: 8, availableBytes: file.size)
        }
        let count = Int(countWord), dimension = Int(dimensionWord)
        guard dimension > 0, dimension <= maximumDimension else {
            throw .invalidDimension(path: file.path, row: nil, offset: 4, dimension: Int64(dimension), maximum: maximumDimension)
        }
        // count < 2³², dimension ≤ maximumDimension: no overflow in 64 bits.
        let expected = 8 + count * format.rowBytes(dimension: dimension)
        guard expected == file.size else {
            throw .headerSizeMismatch(path: file.path, count: count, dimension: dimension,
                                      expectedBytes: expected, actualBytes: file.size)
        }
        return (count, dimension)
    }

    static func readCountHeaderFile<Element: DatasetElement>(
        _ file: DatasetFile, format: DatasetFormat, options: DatasetReadOptions
    ) throws(DatasetError) -> DenseMatrix<Element> {
        let (count, dimension) = try countHeaderShape(file, format: format, maximumDimension: options.maximumDimension)
        let rows = min(count, options.limit.map { max(0, $0) } ?? Int.max)
        let rowBytes = dimension * MemoryLayout<Element>.stride
        return try DenseMatrix<Element>(count: rows, dimension: dimension) {
            (destination: UnsafeMutableBufferPointer<Element>) throws(DatasetError) in
            guard rows > 0, let target = UnsafeMutableRawPointer(destination.baseAddress) else { return }
            let wanted = rows * rowBytes
            let got = try file.read(into: target, count: wanted, at: 8)
            // Short only if the file shrank after fstat.
            if got < wanted {
                let row = got / rowBytes
                throw .truncatedRow(path: file.path, row: row, offset: 8 + row * rowBytes,
                                    expectedBytes: rowBytes, availableBytes: got - row * rowBytes)
            }
        }
    }
}
