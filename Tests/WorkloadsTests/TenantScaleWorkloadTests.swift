import BenchModel
import Testing
@testable import Workloads

/// `workloads/tenant-scale.yaml`: the tenant sweep the issue asks for,
/// within its time budget.
@Suite struct TenantScaleWorkloadTests {
    func load() throws -> Workload {
        try WorkloadFile.load(path: "\(WorkloadFixtures.workloadsDirectory)/tenant-scale.yaml")
    }

    @Test func sweepsOneThousandToFiftyThousandTenantsOfConstantMeanSize() throws {
        let workload = try load()
        let sweep = try #require(workload.sweep)
        #expect(sweep.path == "data.tenants.count")
        #expect(sweep.values == [.integer(1_000), .integer(5_000), .integer(20_000), .integer(50_000)])
        for point in sweep.points {
            guard case .zipf(let total, _, _, _) = point.data.tenantSizes else {
                Issue.record("tenant sizes are not zipf")
                continue
            }
            #expect(total == point.data.tenants * 50)
            #expect(point.data.dimension == 64)
        }
    }

    @Test func comparesTheFourPlacements() throws {
        let settings = try load().configurations().map(\.settings)
        #expect(settings.map(\.tenancy) == [.sharedCollection, .collectionPerTenant, .collectionPerTenant, .collectionPerTenant])
        #expect(settings[1].walScope == .perCollection && settings[2].walScope == .shared)
        #expect(settings[1...].allSatisfy { $0.maximumOpenCollections < 5_000 })
        #expect(settings[3].placement == .workers(8))
        #expect(try load().phases.contains { $0.name == "bursts" && !$0.warmup })
    }

    /// 25 minutes for the whole sweep: phases at most a third of it, the
    /// rest is loading (measured in the lead's closing note).
    @Test func phasesLeaveTwoThirdsOfTwentyFiveMinutesForLoading() throws {
        let workload = try load()
        let phaseSeconds = workload.phases.reduce(0.0) { total, phase in
            if case .seconds(let seconds) = phase.length { return total + seconds }
            return total
        }
        let runs = Double(workload.configurations().count * (workload.sweep?.values.count ?? 1))
        #expect(phaseSeconds * runs <= 25 * 60 / 3)
        try workload.checkRunSize(repetitions: 1)
    }
}
