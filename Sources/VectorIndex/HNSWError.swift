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
    /// A compressed level-0 block or its offset is malformed: which region,
    /// the node, the byte offset in that region, and what is wrong.
    case corruptLinks(region: LinkRegion, node: Int, offset: Int, reason: String)
    /// Quantized vectors that do not fit this index, or a quantizer refused.
    case quantization(String)

    /// The two regions of compressed level-0 links.
    public enum LinkRegion: String, Sendable, Equatable {
        case blocks = "compressed level-0 links"
        case offsets = "level-0 link offsets"
    }

    public var description: String {
        switch self {
        case .invalidParameter(let text): return "invalid HNSW parameter: \(text)"
        case .capacityExceeded(let capacity): return "HNSW index is full (capacity \(capacity))"
        case .duplicateID(let id): return "id \(id) is already in the index"
        case .invalidVector(let id, let error): return "vector for id \(id): \(error)"
        case .readOnly: return "index was opened read-only (from a file image); it cannot be modified"
        case .corruptImage(let text): return "inconsistent HNSW image: \(text)"
        case .allocationFailed(let error): return "cannot allocate the HNSW index's memory: \(error)"
        case .corruptLinks(let region, let node, let offset, let reason):
            return "inconsistent HNSW image: \(region.rawValue), node \(node), byte \(offset): \(reason)"
        case .quantization(let text): return "quantized vectors: \(text)"
        }
    }
}
