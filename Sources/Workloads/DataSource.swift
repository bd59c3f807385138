import BenchModel
import VectorCore

/// Where tenant vectors come from.
public enum DataSource: Sendable, Equatable, Codable {
    /// Each tenant draws from its own clustered distribution.
    case clustered(clustersPerTenant: Int)
    /// Rows of a dataset file, split across tenants in order (the file must
    /// hold at least the sum of tenant sizes plus every upserted point).
    case file(path: String)
}
