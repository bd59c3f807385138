import VectorCore

/// Chooses the tenant of each operation by a phase's tenant selection.
///
/// Popularity ranks are one seeded permutation of the tenants, the same in
/// every phase of a workload: the tenant that is hot (or zipf rank 1) in one
/// phase is hot in the next, as a real tenant's popularity would be.
struct TenantPicker: Sendable {
    enum Rule: Sendable {
        case uniform
        /// Cumulative probabilities by rank (the last is 1).
        case zipf(cumulative: [Double])
        /// The first `hotCount` ranks get `probability` of the picks.
        case hotSet(hotCount: Int, probability: Double)
    }

    let tenants: Int
    let rule: Rule
    /// Rank → tenant.
    let byRank: [Int]

    init(selection: TenantSelection, tenants: Int, workloadSeed: UInt64) {
        self.tenants = tenants
        switch selection {
        case .uniform:
            rule = .uniform
            byRank = []
            return
        case .zipf(let exponent):
            var cumulative = [Double](repeating: 0, count: tenants)
            var sum = 0.0
            for rank in 0..<tenants {
                sum += 1 / Self.power(Double(rank + 1), exponent)
                cumulative[rank] = sum
            }
            for rank in 0..<tenants { cumulative[rank] /= sum }
            cumulative[tenants - 1] = 1
            rule = .zipf(cumulative: cumulative)
        case .hotSet(let fraction, let probability):
            let hot = min(tenants, max(1, Int((fraction * Double(tenants)).rounded())))
            rule = .hotSet(hotCount: hot, probability: probability)
        }
        byRank = Self.popularityOrder(tenants: tenants, workloadSeed: workloadSeed)
    }

    /// Rank → tenant, shared by every phase.
    static func popularityOrder(tenants: Int, workloadSeed: UInt64) -> [Int] {
        SeedDerivation.permutation(count: tenants, seed: workloadSeed, .popularity)
    }

    func pick(_ random: inout SeededGenerator) -> Int {
        switch rule {
        case .uniform:
            return random.index(below: tenants)
        case .zipf(let cumulative):
            let u = random.nextUnitDouble()
            var low = 0, high = tenants - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            return byRank[low]
        case .hotSet(let hot, let probability):
            if hot == tenants || random.nextUnitDouble() < probability {
                return byRank[random.index(below: hot)]
            }
            return byRank[hot + random.index(below: tenants - hot)]
        }
    }

    private static func power(_ base: Double, _ exponent: Double) -> Double {
        exponent == 0 ? 1 : _pow(base, exponent)
    }
}

#if canImport(Glibc)
import Glibc
private func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
import Darwin
private func _pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
