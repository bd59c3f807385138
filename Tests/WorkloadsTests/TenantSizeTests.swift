import Testing
@testable import Workloads

@Suite struct TenantSizeTests {
    @Test func fixedSizes() {
        #expect(SizeDistribution.fixed(7).sizes(tenants: 3, seed: 1) == [7, 7, 7])
    }

    @Test(arguments: [(100, 50_000, 1.0, 10, 5_000), (1_000, 300_000, 0.9, 100, 5_000), (64, 96_000, 0.8, 500, 4_000),
                      (10, 1_000, 2.0, 1, 1_000), (5, 500, 1.0, 100, 100)])
    func zipfSizesSumToTotalWithinClamps(tenants: Int, total: Int, exponent: Double, minimum: Int, maximum: Int) {
        let distribution = SizeDistribution.zipf(total: total, exponent: exponent, minimum: minimum, maximum: maximum)
        let sizes = distribution.sizes(tenants: tenants, seed: 3)
        #expect(sizes.count == tenants)
        #expect(sizes.reduce(0, +) == total)
        #expect(sizes.allSatisfy { (minimum...maximum).contains($0) })
        #expect(distribution.sizes(tenants: tenants, seed: 3) == sizes)
    }

    @Test func zipfSizesFollowRankBeforeClamping() {
        let byRank = SizeDistribution.zipfSizes(tenants: 100, total: 100_000, exponent: 1, minimum: 1, maximum: 100_000)
        #expect(byRank == byRank.sorted(by: >))
        // rank 1 ≈ 2 × rank 2 ≈ 10 × rank 10 (±1 for rounding).
        #expect(abs(byRank[0] - 2 * byRank[1]) <= 2)
        #expect(abs(byRank[0] - 10 * byRank[9]) <= 10)
    }

    @Test func zipfClampRedistributesToKeepTheTotal() {
        let byRank = SizeDistribution.zipfSizes(tenants: 10, total: 1_000, exponent: 2, minimum: 50, maximum: 300)
        #expect(byRank.reduce(0, +) == 1_000)
        #expect(byRank[0] == 300)
        #expect(byRank.last! >= 50)
    }

    @Test func zipfRanksArePermutedBySeed() {
        let distribution = SizeDistribution.zipf(total: 10_000, exponent: 1, minimum: 1, maximum: 10_000)
        let a = distribution.sizes(tenants: 50, seed: 1), b = distribution.sizes(tenants: 50, seed: 2)
        #expect(a != b)
        #expect(a.sorted() == b.sorted())
    }

    @Test func lognormalSizesAreClampedAndCentredOnTheMedian() {
        let sizes = SizeDistribution.lognormal(median: 1_000, sigma: 1, minimum: 100, maximum: 5_000).sizes(tenants: 10_000, seed: 9)
        #expect(sizes.allSatisfy { (100...5_000).contains($0) })
        #expect(sizes.contains(100) && sizes.contains(5_000))
        let below = sizes.filter { $0 < 1_000 }.count
        // The median of the draws is the median: below ~ Binomial(10,000, ½), σ = 50.
        #expect(abs(below - 5_000) < 250)
        #expect(SizeDistribution.lognormal(median: 1_000, sigma: 0, minimum: 1, maximum: 5_000).sizes(tenants: 5, seed: 1)
            == [1_000, 1_000, 1_000, 1_000, 1_000])
    }
}
