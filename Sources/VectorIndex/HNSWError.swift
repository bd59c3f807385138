import VectorCore

public enum HNSWError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidParameter(String)
    case capacityExceeded(capacity: Int)
    case duplicateID(UInt64)
    case invalidVector(id: UInt64, VectorValidationError)
    case readOnly
    case corruptImage(String)
    /// The memory for the index's arrays could not be had.
    case allocationFailed(SystemError)

    public var description: String {
        switch self {
        case .invalidParameter(let text): return "invalid HNSW parameter: \(text)"
        case .capacityExceeded(let capacity): return "HNSW index is full (capacity \(capacity))"
        case .duplicateID(let id): return "id \(id) is already in the index"
        case .invalidVector(let id, let error): return "vector for id \(id): \(error)"
        case .readOnly: return "index was opened read-only (from a file image); it cannot be modified"
        case .corruptImage(let text): return "inconsistent HNSW image: \(text)"
        case .allocationFailed(let error): return "cannot allocate the HNSW index's memory: \(error)"
        }
    }
}
