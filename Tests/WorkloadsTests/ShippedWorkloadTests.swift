import Foundation
import Testing
@testable import Workloads

/// The workloads in `workloads/` parse and fit their stated budgets.
@Suite struct ShippedWorkloadTests {
    static let names = ["default", "tenant-burst", "wal-sealing", "batch-upsert", "ci-smoke", "memory-recall"]

    func load(_ name: String) throws -> Workload {
        try WorkloadFile.load(path: "\(WorkloadFixtures.workloadsDirectory)/\(name).yaml")
    }

    @Test(arguments: names) func parses(name: String) throws {
        let workload = try load(name)
        #expect(workload.name == name)
        #expect(!workload.summary.isEmpty)
        #expect(workload.configurations().count >= 2)
        // The stream of every phase can be generated (and is not empty).
        for index in workload.phases.indices {
            var iterator = OperationStream(workload: workload, phase: index).makeIterator()
            #expect(iterator.next() != nil)
        }
    }

    /// Seconds of phases per configuration (operation-count phases are not
    /// counted: their time depends on the engine).
    func phaseSeconds(_ workload: Workload) -> Double {
        workload.phases.reduce(0) { total, phase in
            if case .seconds(let seconds) = phase.length { return total + seconds }
            return total
        }
    }

    @Test func defaultFitsInThreeMinutes() throws {
        let workload = try load("default")
        let configurations = workload.configurations().count
        #expect((2...3).contains(configurations))
        // Leave at least 20 s per configuration for loading.
        #expect(phaseSeconds(workload) * Double(configurations) + 20 * Double(configurations) <= 180)
    }

    @Test func ciSmokeIsSmallAndComparesEmbeddedWithTwoWorkers() throws {
        let workload = try load("ci-smoke")
        let placements = workload.configurations().map(\.settings.placement)
        #expect(placements == [.embedded, .workers(2)])
        #expect(phaseSeconds(workload) * 2 <= 20)
        #expect(workload.tenantSizes.reduce(0, +) <= 5_000)
    }

    @Test func tenantBurstHasAThousandZipfTenantsInBursts() throws {
        let workload = try load("tenant-burst")
        #expect(workload.data.tenants >= 1_000)
        #expect(workload.phases.contains { if case .onOff = $0.arrival { return true } else { return false } })
        #expect(workload.phases.contains { if case .zipf = $0.tenantSelection { return true } else { return false } })
        let settings = workload.configurations().map(\.settings)
        #expect(settings.map(\.placement).contains(.workers(8)))
        #expect(settings.map(\.placement).contains(.workers(32)))
        #expect(Set(settings.map(\.hugePages)) == [false, true])
        // Huge pages are compared where they can apply: a shared collection
        // in RAM, against the same without them.
        let shared = settings.filter { $0.tenancy == .sharedCollection }
        #expect(shared.count == 2 && shared.allSatisfy { $0.storage == .ram })
        #expect(Set(shared.map(\.hugePages)) == [false, true])
        #expect(Set(shared.map(\.indexingThreshold)).count == 1)
    }

    @Test func walSealingComparesSealingWALAndFsync() throws {
        let settings = try load("wal-sealing").configurations().map(\.settings)
        #expect(Set(settings.map(\.sealConcurrency)) == [1, nil])
        #expect(Set(settings.map(\.walScope)) == [.perCollection, .shared])
        #expect(Set(settings.map(\.fsync)) == [.always, .interval(milliseconds: 50)])
    }

    @Test func batchUpsertComparesOneWithAHundred() throws {
        let workload = try load("batch-upsert")
        #expect(workload.configurations().map(\.settings.upsertBatch) == [1, 100])
    }
}
