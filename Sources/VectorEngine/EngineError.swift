import VectorCore
import VectorIndex
import VectorStorage
import VectorWAL

/// Everything the engine refuses or fails at, each naming the collection and
/// what was wrong, so a client (or `vecbench load`) can say exactly which
/// point of which batch was bad. Nothing is applied when one of these is
/// thrown for a write.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    case unknownCollection(String)
    case collectionExists(String)
    case invalidName(String, reason: String)
    case invalidConfiguration(String)
    case emptyBatch(collection: String)
    case batchTooLarge(collection: String, count: Int, maximum: Int)
    case duplicateID(collection: String, id: UInt64, firstPosition: Int, secondPosition: Int)
    case invalidVector(collection: String, position: Int, id: UInt64, VectorValidationError)
    case reservedTenant(collection: String, position: Int, id: UInt64)
    case wrongQueryDimension(collection: String, expected: Int, actual: Int)
    case invalidQuery(collection: String, reason: String)
    /// A write failed earlier (fsync or write error); the collection serves
    /// searches but refuses writes until it is reopened.
    case readOnly(collection: String, cause: String)
    case closed(collection: String)
    case wal(collection: String, WALError)
    case storage(collection: String, StorageError)
    case index(collection: String, HNSWError)
    case system(SystemError)
    case corruptCollection(collection: String, reason: String)

    public var description: String {
        switch self {
        case .unknownCollection(let name): return "no collection named '\(name)'"
        case .collectionExists(let name): return "collection '\(name)' already exists"
        case .invalidName(let name, let reason): return "invalid collection name '\(name)': \(reason)"
        case .invalidConfiguration(let text): return "invalid configuration: \(text)"
        case .emptyBatch(let collection): return "\(collection): empty batch"
        case .batchTooLarge(let collection, let count, let maximum):
            return "\(collection): batch of \(count) points exceeds the maximum of \(maximum)"
        case .duplicateID(let collection, let id, let first, let second):
            return "\(collection): id \(id) appears twice in one batch (positions \(first) and \(second))"
        case .invalidVector(let collection, let position, let id, let error):
            return "\(collection): point \(position) (id \(id)): \(error)"
        case .reservedTenant(let collection, let position, let id):
            return "\(collection): point \(position) (id \(id)): tenant tag \(Point.noTenant) is reserved for 'no tenant'"
        case .wrongQueryDimension(let collection, let expected, let actual):
            return "\(collection): query has dimension \(actual), collection has \(expected)"
        case .invalidQuery(let collection, let reason): return "\(collection): \(reason)"
        case .readOnly(let collection, let cause):
            return "\(collection) is read-only after a failed write (\(cause)); reopen it to write again"
        case .closed(let collection): return "\(collection) is closed"
        case .wal(let collection, let error): return "\(collection): write-ahead log: \(error)"
        case .storage(let collection, let error): return "\(collection): \(error)"
        case .index(let collection, let error): return "\(collection): \(error)"
        case .system(let error): return error.description
        case .corruptCollection(let collection, let reason): return "\(collection): \(reason)"
        }
    }
}
