import BenchModel
import VectorCore

/// What operations a phase issues.
public struct OperationMix: Sendable, Equatable, Codable {
    public var search: Double
    public var upsert: Double
    public var delete: Double
    /// Points per upsert operation (overridden by a configuration's
    /// `upsertBatch` when set, so batching can be compared on one stream of
    /// points: the stream then carries the same points in other batch sizes).
    public var upsertBatch: Int
    /// Ids per delete operation.
    public var deleteBatch: Int
    public var searchK: Int
    public var searchEF: Int

    public init(search: Double, upsert: Double, delete: Double, upsertBatch: Int, deleteBatch: Int, searchK: Int, searchEF: Int) {
        self.search = search
        self.upsert = upsert
        self.delete = delete
        self.upsertBatch = upsertBatch
        self.deleteBatch = deleteBatch
        self.searchK = searchK
        self.searchEF = searchEF
    }
}
