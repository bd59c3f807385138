import BenchModel
import VectorCore

/// Which tenant each operation goes to.
public enum TenantSelection: Sendable, Equatable, Codable {
    case uniform
    /// Tenant of popularity rank r chosen with probability ∝ 1/r^exponent
    /// (ranks are a seeded permutation of tenants).
    case zipf(exponent: Double)
    /// `probability` of operations go to a hot `fraction` of tenants.
    case hotSet(fraction: Double, probability: Double)
}
