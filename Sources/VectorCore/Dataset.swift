/// The rows of a dataset file in their stored element type, as returned by
/// `DatasetReader.read` when the caller does not fix the type in advance.
public enum Dataset: Sendable {
    case float32(DenseMatrix<Float>)
    case int32(DenseMatrix<Int32>)
    case uint8(DenseMatrix<UInt8>)

    public var count: Int {
        switch self {
        case .float32(let m): return m.count
        case .int32(let m): return m.count
        case .uint8(let m): return m.count
        }
    }

    public var dimension: Int {
        switch self {
        case .float32(let m): return m.dimension
        case .int32(let m): return m.dimension
        case .uint8(let m): return m.dimension
        }
    }

    public var elementKind: DatasetFormat.ElementKind {
        switch self {
        case .float32: return .float32
        case .int32: return .int32
        case .uint8: return .uint8
        }
    }

    /// Row `index` as text, at most `limit` components, for previews.
    public func rowPreview(_ index: Int, limit: Int = 8) -> [String] {
        switch self {
        case .float32(let m): return Array(m.row(index).prefix(limit).map { "\($0)" })
        case .int32(let m): return Array(m.row(index).prefix(limit).map { "\($0)" })
        case .uint8(let m): return Array(m.row(index).prefix(limit).map { "\($0)" })
        }
    }
}
