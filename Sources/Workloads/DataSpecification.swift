import BenchModel
import VectorCore

/// The data every configuration is loaded with.
public struct DataSpecification: Sendable, Equatable, Codable {
    public var dimension: Int
    public var metric: Metric
    public var tenants: Int
    public var tenantSizes: SizeDistribution
    public var source: DataSource
    /// Queries generated per tenant (searches pick among them).
    public var queriesPerTenant: Int
    /// Neighbours per search unless a phase says otherwise, and recall@k.
    public var k: Int
    /// Searches per phase whose recall is checked against exact ground truth
    /// over the tenant's data as it stands at that moment.
    public var recallSamples: Int

    public init(dimension: Int, metric: Metric, tenants: Int, tenantSizes: SizeDistribution, source: DataSource,
                queriesPerTenant: Int, k: Int, recallSamples: Int) {
        self.dimension = dimension
        self.metric = metric
        self.tenants = tenants
        self.tenantSizes = tenantSizes
        self.source = source
        self.queriesPerTenant = queriesPerTenant
        self.k = k
        self.recallSamples = recallSamples
    }
}
