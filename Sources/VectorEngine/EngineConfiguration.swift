import VectorWAL

/// One WAL per collection, or one shared by every collection of the engine.
public enum WALScope: String, Sendable, Codable, CaseIterable {
    case perCollection = "per-collection"
    case shared
}

/// How an engine runs: where its data lives, how writes are logged, how
/// many seals may run at once and how many collections may be open.
public struct EngineConfiguration: Sendable, Equatable {
    public var dataDirectory: String
    public var walScope: WALScope
    public var wal: WALConfiguration
    /// Seals running at once across all collections; nil for unbounded.
    public var sealConcurrency: Int?
    /// Collections kept open at once (per-collection WAL scope); the least
    /// recently used idle one is closed past this. Bounds file descriptors.
    public var maximumOpenCollections: Int

    public init(
        dataDirectory: String, walScope: WALScope = .perCollection, wal: WALConfiguration = .init(),
        sealConcurrency: Int? = 2, maximumOpenCollections: Int = 512
    ) {
        self.dataDirectory = dataDirectory
        self.walScope = walScope
        self.wal = wal
        self.sealConcurrency = sealConcurrency
        self.maximumOpenCollections = maximumOpenCollections
    }
}
