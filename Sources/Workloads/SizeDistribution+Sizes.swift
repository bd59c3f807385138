import Foundation
import VectorCore

extension SizeDistribution {
    /// A per-tenant size that tenants × it does not overstate: `fixed` n,
    /// the lognormal median, the zipf minimum (a zipf total is bounded on
    /// its own). Used to bound the points a workload asks for.
    var typicalPerTenant: Int {
        switch self {
        case .fixed(let size): size
        case .zipf(_, _, let minimum, _): minimum
        case .lognormal(let median, _, _, _): median
        }
    }

    /// Each tenant's initial point count, a pure function of the
    /// distribution, the tenant count and the workload seed.
    ///
    /// - `fixed(n)`: every tenant has n.
    /// - `zipf`: rank r gets c/r^exponent points, c chosen so that after
    ///   clamping to min…max the sizes sum to exactly `total` (the parser
    ///   refuses totals outside tenants·min…tenants·max); rounding is by
    ///   largest remainder; ranks are assigned to tenants by a seeded
    ///   permutation, independent of the popularity ranks of phases.
    /// - `lognormal`: median·e^(sigma·z), z ~ N(0, 1) per tenant, rounded
    ///   and clamped to min…max (the sum is whatever it comes to).
    public func sizes(tenants: Int, seed: UInt64) -> [Int] {
        switch self {
        case .fixed(let size):
            return [Int](repeating: size, count: tenants)
        case .zipf(let total, let exponent, let minimum, let maximum):
            let byRank = Self.zipfSizes(tenants: tenants, total: total, exponent: exponent, minimum: minimum, maximum: maximum)
            let order = SeedDerivation.permutation(count: tenants, seed: seed, .sizeRanks)
            var sizes = [Int](repeating: 0, count: tenants)
            for (rank, tenant) in order.enumerated() { sizes[tenant] = byRank[rank] }
            return sizes
        case .lognormal(let median, let sigma, let minimum, let maximum):
            var random = SeedDerivation.generator(seed, .tenantSizes)
            return (0..<tenants).map { _ in
                let drawn = (Double(median) * Foundation.exp(sigma * random.nextGaussian())).rounded()
                return Int(Swift.min(Swift.max(drawn, Double(minimum)), Double(maximum)))
            }
        }
    }

    /// Zipf sizes by rank (largest first) summing to `total` when
    /// tenants·min ≤ total ≤ tenants·max (otherwise all min or all max).
    static func zipfSizes(tenants: Int, total: Int, exponent: Double, minimum: Int, maximum: Int) -> [Int] {
        guard tenants * minimum < total else { return [Int](repeating: minimum, count: tenants) }
        guard total < tenants * maximum else { return [Int](repeating: maximum, count: tenants) }
        let weights = (1...tenants).map { 1 / Foundation.pow(Double($0), exponent) }
        let lower = Double(minimum), upper = Double(maximum)
        func clampedSum(_ scale: Double) -> Double {
            var sum = 0.0
            for weight in weights { sum += Swift.min(Swift.max(scale * weight, lower), upper) }
            return sum
        }
        // Σ clamp(c·wᵣ) grows continuously and monotonically with c: bisect.
        var low = 0.0, high = Double(total) / weights.reduce(0, +)
        while clampedSum(high) < Double(total) { high *= 2 }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if clampedSum(middle) < Double(total) { low = middle } else { high = middle }
        }
        let exact = weights.map { Swift.min(Swift.max(high * $0, lower), upper) }
        var sizes = exact.map { Int($0.rounded(.down)) }
        var missing = total - sizes.reduce(0, +)
        // Largest remainders first; ties by rank, so the result is stable.
        let byRemainder = (0..<tenants).sorted { (exact[$0] - Double(sizes[$0]), -$0) > (exact[$1] - Double(sizes[$1]), -$1) }
        var cursor = 0
        while missing > 0 {
            let rank = byRemainder[cursor % tenants]
            if sizes[rank] < maximum { sizes[rank] += 1; missing -= 1 }
            cursor += 1
        }
        while missing < 0 {
            let rank = byRemainder[(tenants - 1) - cursor % tenants]
            if sizes[rank] > minimum { sizes[rank] -= 1; missing += 1 }
            cursor += 1
        }
        return sizes
    }
}

extension Workload {
    /// Each tenant's initial point count (see `SizeDistribution.sizes`).
    public var tenantSizes: [Int] { data.tenantSizes.sizes(tenants: data.tenants, seed: seed) }
}
