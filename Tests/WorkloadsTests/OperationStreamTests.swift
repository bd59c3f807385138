import Foundation
import Testing
@testable import Workloads

/// Operation streams: determinism, arrival processes, tenant selection,
/// ids and batch regrouping. Every statistical assertion is on a seeded
/// result, with bounds of many standard deviations: it cannot flake, and
/// it fails if the generator is wrong.
@Suite struct OperationStreamTests {
    typealias F = WorkloadFixtures

    @Test func sameSeedSameHashDifferentSeedDifferentHash() {
        let mix = F.mix(search: 0.7, upsert: 0.2, delete: 0.1, upsertBatch: 3, deleteBatch: 2)
        let a = OperationStream(workload: F.workload(seed: 1, mix: mix), phase: 0)
        let b = OperationStream(workload: F.workload(seed: 1, mix: mix), phase: 0)
        let c = OperationStream(workload: F.workload(seed: 2, mix: mix), phase: 0)
        #expect(a.streamHash(limit: 5_000) == b.streamHash(limit: 5_000))
        #expect(a.streamHash(limit: 5_000) != c.streamHash(limit: 5_000))
        #expect(Array(a.prefix(100)) == Array(b.prefix(100)))
        #expect(a.streamHash(limit: 5_000).count == 16)
    }

    @Test func phasesHaveTheirOwnStreams() {
        let workload = F.workload(extraPhases: 1)
        #expect(OperationStream(workload: workload, phase: 0).streamHash(limit: 1_000)
            != OperationStream(workload: workload, phase: 1).streamHash(limit: 1_000))
        #expect(workload.streamHash(operationsPerPhase: 500) == F.workload(extraPhases: 1).streamHash(operationsPerPhase: 500))
        #expect(workload.streamHash(operationsPerPhase: 500) != F.workload(seed: 43, extraPhases: 1).streamHash(operationsPerPhase: 500))
    }

    /// Pins the encoding and the generators: if this digest changes, every
    /// stored result's workload hash changes meaning. Update it only on
    /// purpose.
    @Test func streamHashIsPinned() {
        let mix = F.mix(search: 0.6, upsert: 0.3, delete: 0.1, upsertBatch: 2, deleteBatch: 2)
        let stream = OperationStream(workload: F.workload(seed: 7, selection: .zipf(exponent: 1), mix: mix), phase: 0)
        #expect(stream.streamHash(limit: 1_000) == OperationStreamTests.pinnedDigest)
    }

    static let pinnedDigest = "73ef3d7b11b2e7af"

    @Test func poissonRateWithinStatisticalBounds() {
        let rate = 2_000.0, seconds = 50.0
        let operations = Array(OperationStream(workload: F.workload(arrival: .poisson(rate: rate), length: .seconds(seconds)), phase: 0))
        // Count ~ Poisson(100,000): σ ≈ 316; allow 5σ.
        #expect(abs(Double(operations.count) - rate * seconds) < 5 * (rate * seconds).squareRoot())
        let starts = operations.map { Double($0.intendedStart!) / 1e9 }
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 })
        #expect(starts.last! < seconds)
        // Gaps are exponential: mean 1/rate, and their coefficient of variation 1.
        let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)
        #expect(abs(mean * rate - 1) < 0.02)
        #expect(abs(variance.squareRoot() / mean - 1) < 0.03)
    }

    @Test func onOffWithZeroIdleRateIssuesOnlyInBursts() {
        let arrival = ArrivalProcess.onOff(burstRate: 1_000, burstSeconds: 2, idleRate: 0, idleSeconds: 3)
        let operations = Array(OperationStream(workload: F.workload(arrival: arrival, length: .seconds(50)), phase: 0))
        let starts = operations.map { Double($0.intendedStart!) / 1e9 }
        #expect(starts.allSatisfy { $0.truncatingRemainder(dividingBy: 5) < 2 })
        // 10 bursts of 2 s at 1,000/s: ~20,000 ± 5σ.
        #expect(abs(Double(starts.count) - 20_000) < 5 * 20_000.0.squareRoot())
        // Every burst has operations.
        #expect(Set(starts.map { Int($0 / 5) }) == Set(0..<10))
    }

    @Test func onOffIdleRateIsHonoured() {
        let arrival = ArrivalProcess.onOff(burstRate: 1_000, burstSeconds: 1, idleRate: 100, idleSeconds: 1)
        let starts = OperationStream(workload: F.workload(arrival: arrival, length: .seconds(100)), phase: 0)
            .map { Double($0.intendedStart!) / 1e9 }
        let idle = starts.filter { $0.truncatingRemainder(dividingBy: 2) >= 1 }.count
        let burst = starts.count - idle
        #expect(abs(Double(burst) - 50_000) < 5 * 50_000.0.squareRoot())
        #expect(abs(Double(idle) - 5_000) < 5 * 5_000.0.squareRoot())
    }

    @Test func stepsChangeRateAtTheBoundaries() {
        let arrival = ArrivalProcess.steps([RateStep(rate: 100, seconds: 10), RateStep(rate: 1_000, seconds: 10)])
        let starts = OperationStream(workload: F.workload(arrival: arrival, length: .seconds(20)), phase: 0)
            .map { Double($0.intendedStart!) / 1e9 }
        let first = starts.filter { $0 < 10 }.count, second = starts.count - first
        #expect(abs(Double(first) - 1_000) < 5 * 1_000.0.squareRoot())
        #expect(abs(Double(second) - 10_000) < 5 * 10_000.0.squareRoot())
    }

    @Test func operationCountPhasesHaveExactlyThatMany() {
        let open = OperationStream(workload: F.workload(arrival: .poisson(rate: 10), length: .operations(1_234)), phase: 0)
        #expect(open.reduce(0) { count, _ in count + 1 } == 1_234)
        let closed = OperationStream(workload: F.workload(arrival: .closedLoop(clients: 2), length: .operations(777)), phase: 0)
        let operations = Array(closed)
        #expect(operations.count == 777)
        #expect(operations.allSatisfy { $0.intendedStart == nil })
        #expect(operations.map(\.sequence) == Array(0..<777))
        #expect(closed.isBounded && open.isBounded)
    }

    @Test func closedLoopDurationPhaseIsUnbounded() {
        let stream = OperationStream(workload: F.workload(arrival: .closedLoop(clients: 4), length: .seconds(1)), phase: 0)
        #expect(!stream.isBounded)
        #expect(Array(stream.prefix(200_000)).count == 200_000)
    }

    @Test func zipfSelectionSkewsToTheTopRanks() {
        let tenants = 100
        let workload = F.workload(tenants: tenants, arrival: .closedLoop(clients: 1), length: .operations(100_000),
                                  selection: .zipf(exponent: 1.2))
        var counts = [Int](repeating: 0, count: tenants)
        for operation in OperationStream(workload: workload, phase: 0) { counts[operation.tenant] += 1 }
        let byRank = TenantPicker.popularityOrder(tenants: tenants, workloadSeed: workload.seed).map { counts[$0] }
        // P(rank 1) = 1 / H(100, 1.2) ≈ 0.2; rank 2 gets 2^-1.2 of that.
        let harmonic = (1...tenants).reduce(0.0) { $0 + 1 / pow(Double($1), 1.2) }
        let expected = 100_000 / harmonic
        #expect(abs(Double(byRank[0]) - expected) < 5 * expected.squareRoot())
        #expect(abs(Double(byRank[1]) - expected / pow(2, 1.2)) < 5 * (expected / pow(2, 1.2)).squareRoot())
        #expect(byRank[0] > byRank[9] && byRank[9] > byRank[99])
        #expect(byRank.prefix(10).reduce(0, +) > 50_000)
        // The top rank is a permuted tenant, not always tenant 0.
        #expect(TenantPicker.popularityOrder(tenants: tenants, workloadSeed: 1)
            != TenantPicker.popularityOrder(tenants: tenants, workloadSeed: 2))
    }

    @Test func hotSetGetsItsProbabilityShare() {
        let tenants = 200
        let workload = F.workload(tenants: tenants, arrival: .closedLoop(clients: 1), length: .operations(50_000),
                                  selection: .hotSet(fraction: 0.05, probability: 0.8))
        let hot = Set(TenantPicker.popularityOrder(tenants: tenants, workloadSeed: workload.seed).prefix(10))
        var hotCount = 0
        var seen = Set<Int>()
        for operation in OperationStream(workload: workload, phase: 0) {
            if hot.contains(operation.tenant) { hotCount += 1 }
            seen.insert(operation.tenant)
        }
        // Binomial(50,000, 0.8): σ ≈ 89.
        #expect(abs(Double(hotCount) - 40_000) < 5 * 89.5)
        #expect(seen.count == tenants)
    }

    @Test func mixFractionsAreHonoured() {
        let workload = F.workload(arrival: .closedLoop(clients: 1), length: .operations(100_000),
                                  mix: F.mix(search: 0.6, upsert: 0.3, delete: 0.1))
        var counts: [WorkloadOperation.Kind: Int] = [:]
        for operation in OperationStream(workload: workload, phase: 0) { counts[operation.kind, default: 0] += 1 }
        #expect(abs(Double(counts[.search]!) - 60_000) < 5 * 155)
        #expect(abs(Double(counts[.upsert]!) - 30_000) < 5 * 145)
        #expect(abs(Double(counts[.delete]!) - 10_000) < 5 * 95)
    }

    @Test func searchesCarryQueryIndexKAndEF() {
        let workload = F.workload(queries: 7, arrival: .closedLoop(clients: 1), length: .operations(2_000))
        let operations = Array(OperationStream(workload: workload, phase: 0))
        #expect(operations.allSatisfy { $0.kind == .search && $0.k == 10 && $0.ef == 64 })
        #expect(Set(operations.map(\.queryIndex)) == Set(0..<7))
    }

    @Test func upsertIDsAreConsecutiveAndDisjointPerTenant() {
        let sizes = SizeDistribution.zipf(total: 2_000, exponent: 1, minimum: 10, maximum: 1_000)
        let workload = F.workload(tenants: 20, arrival: .closedLoop(clients: 1), length: .operations(20_000),
                                  mix: F.mix(search: 0.5, upsert: 0.4, delete: 0.1, upsertBatch: 3, deleteBatch: 2),
                                  sizes: sizes, extraPhases: 1)
        let tenantSizes = workload.tenantSizes
        for phase in 0..<2 {
            var next = (0..<20).map { OperationStream.firstUpsertID(tenantSize: tenantSizes[$0], phase: phase) }
            #expect(next == tenantSizes.map { UInt64($0) + UInt64(phase) << 32 })
            for operation in OperationStream(workload: workload, phase: phase) {
                switch operation.kind {
                case .upsert:
                    #expect(operation.firstID == next[operation.tenant] && operation.count == 3)
                    #expect(operation.vectorSeed == TenantDataGenerator.tenantSeed(workloadSeed: 42, tenant: operation.tenant))
                    next[operation.tenant] += 3
                case .delete:
                    // Only ids that exist: initial ones or ones upserted earlier in the phase.
                    let first = OperationStream.firstUpsertID(tenantSize: tenantSizes[operation.tenant], phase: phase)
                    #expect(operation.deleteIDs.count == 2)
                    #expect(operation.deleteIDs.allSatisfy { $0 < UInt64(tenantSizes[operation.tenant]) || ($0 >= first && $0 < next[operation.tenant]) })
                case .search:
                    break
                }
            }
        }
    }

    @Test func deletesReachUpsertedIDs() {
        let workload = F.workload(tenants: 2, size: 10, arrival: .closedLoop(clients: 1), length: .operations(5_000),
                                  mix: F.mix(upsert: 0.5, delete: 0.5))
        let deleted = OperationStream(workload: workload, phase: 0).filter { $0.kind == .delete }.flatMap(\.deleteIDs)
        #expect(deleted.contains { $0 >= 10 })
        #expect(deleted.contains { $0 < 10 })
    }
}
