/// `*vecs` files: every row is `int32 dimension` followed by its components.
extension DatasetReader {
    /// Validates the first row's dimension and returns (whole rows, dimension).
    static func rowHeaderShape(
        _ file: DatasetFile, format: DatasetFormat, maximumDimension: Int
    ) throws(DatasetError) -> (count: Int, dimension: Int) {
        guard file.size > 0 else { throw .emptyFile(path: file.path) }
        guard let word = try file.readUInt32(at: 0) else {
            throw .truncatedRow(path: file.path, row: 0, offset: 0, expectedBytes: 4, availableBytes: file.size)
        }
        let declared = Int64(Int32(bitPattern: word))
        guard declared > 0, declared <= maximumDimension else {
            throw .invalidDimension(path: file.path, row: 0, offset: 0, dimension: declared, maximum: maximumDimension)
        }
        let dimension = Int(declared)
        return (file.size / format.rowBytes(dimension: dimension), dimension)
    }

    static func readRowHeaderFile<Element: DatasetElement>(
        _ file: DatasetFile, format: DatasetFormat, options: DatasetReadOptions
    ) throws(DatasetError) -> DenseMatrix<Element> {
        let (wholeRows, dimension) = try rowHeaderShape(file, format: format, maximumDimension: options.maximumDimension)
        let payloadBytes = dimension * MemoryLayout<Element>.stride
        let rowBytes = 4 + payloadBytes
        let limit = options.limit.map { max(0, $0) } ?? Int.max
        let rows = min(wholeRows, limit)

        let matrix = try DenseMatrix<Element>(count: rows, dimension: dimension) {
            (destination: UnsafeMutableBufferPointer<Element>) throws(DatasetError) in
            guard rows > 0, let target = UnsafeMutableRawPointer(destination.baseAddress) else { return }
            let rowsPerChunk = max(1, chunkBytes / rowBytes)
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: min(rows, rowsPerChunk) * rowBytes, alignment: 64)
            defer { chunk.deallocate() }
            var first = 0
            while first < rows {
                let chunkRows = min(rowsPerChunk, rows - first)
                let got = try file.read(into: chunk, count: chunkRows * rowBytes, at: first * rowBytes)
                for index in 0..<chunkRows {
                    let row = first + index
                    let local = index * rowBytes
                    // Short only if the file shrank after fstat.
                    guard local + rowBytes <= got else {
                        throw rowProblem(file, row: row, offset: row * rowBytes, rowBytes: rowBytes,
                                         available: got - local, dimension: dimension)
                    }
                    let found = Int32(littleEndian: chunk.loadUnaligned(fromByteOffset: local, as: Int32.self))
                    guard found == dimension else {
                        throw .inconsistentDimension(path: file.path, row: row, offset: row * rowBytes,
                                                     found: Int64(found), expected: dimension)
                    }
                    (target + row * payloadBytes).copyMemory(from: chunk + local + 4, byteCount: payloadBytes)
                }
                first += chunkRows
            }
        }

        // Bytes past the last whole row are a bad final row, unless the
        // caller stopped reading before it.
        let tailOffset = wholeRows * rowBytes
        if rows == wholeRows, rows < limit, tailOffset < file.size {
            throw rowProblem(file, row: wholeRows, offset: tailOffset, rowBytes: rowBytes,
                             available: file.size - tailOffset, dimension: dimension)
        }
        return matrix
    }

    /// What is wrong with an incomplete row: when its header is present and
    /// says another dimension, that (the more telling fact); otherwise truncation.
    @inline(never)
    static func rowProblem(
        _ file: DatasetFile, row: Int, offset: Int, rowBytes: Int, available: Int, dimension: Int
    ) -> DatasetError {
        if available >= 4, let word = try? file.readUInt32(at: offset), Int32(bitPattern: word) != dimension {
            return .inconsistentDimension(path: file.path, row: row, offset: offset,
                                          found: Int64(Int32(bitPattern: word)), expected: dimension)
        }
        return .truncatedRow(path: file.path, row: row, offset: offset,
                             expectedBytes: rowBytes, availableBytes: max(0, available))
    }
}
