/// What a dataset file holds, from its headers alone (`DatasetReader.info`).
public struct DatasetInfo: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var format: DatasetFormat
    /// Whole rows (for `*bin`, the header's count, checked against the size).
    public var count: Int
    public var dimension: Int
    public var fileBytes: Int
    /// Bytes after the last whole row of a `*vecs` file (0 for a sound file).
    public var trailingBytes: Int

    public init(path: String, format: DatasetFormat, count: Int, dimension: Int, fileBytes: Int, trailingBytes: Int) {
        self.path = path
        self.format = format
        self.count = count
        self.dimension = dimension
        self.fileBytes = fileBytes
        self.trailingBytes = trailingBytes
    }

    public var description: String {
        var text = "\(path): \(format) (\(format.elementKind)), \(count) × \(dimension), \(fileBytes) bytes"
        if trailingBytes != 0 { text += ", \(trailingBytes) trailing bytes after the last whole row" }
        return text
    }
}
