/// One decoded request of the worker protocol (wire layout: the table on
/// `WorkerProtocol`). The client builds these; the server decodes them from
/// frames and answers each with exactly one response.
public enum WorkerRequest: Sendable, Equatable {
    case hello(magic: [UInt8], version: UInt16)
    case ping
    /// The configuration travels as JSON (`CollectionConfiguration` is Codable).
    case createCollection(name: String, configurationJSON: String)
    case dropCollection(name: String)
    case listCollections
    case upsert(collection: String, points: [Point])
    case delete(collection: String, ids: [UInt64])
    case search(collection: String, query: [Float], k: Int, ef: Int, tenant: UInt32?)
    case get(collection: String, id: UInt64)
    case count(collection: String)
    case collectionStatistics(collection: String, includeResidency: Bool)
    case engineStatistics
    case waitForSeals
    case shutdown
    /// The configuration the worker's engine runs with (not the one asked for).
    case engineConfiguration
    /// The engine's own figures (`WorkerAdapterStatistics`).
    case adapterStatistics

    public var kind: WorkerProtocol.RequestKind {
        switch self {
        case .hello: return .hello
        case .ping: return .ping
        case .createCollection: return .createCollection
        case .dropCollection: return .dropCollection
        case .listCollections: return .listCollections
        case .upsert: return .upsert
        case .delete: return .delete
        case .search: return .search
        case .get: return .get
        case .count: return .count
        case .collectionStatistics: return .collectionStatistics
        case .engineStatistics: return .engineStatistics
        case .waitForSeals: return .waitForSeals
        case .shutdown: return .shutdown
        case .engineConfiguration: return .engineConfiguration
        case .adapterStatistics: return .adapterStatistics
        }
    }

    /// The hello this side sends.
    public static var currentHello: WorkerRequest { .hello(magic: WorkerProtocol.magic, version: WorkerProtocol.version) }
}
