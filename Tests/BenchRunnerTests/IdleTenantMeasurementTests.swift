import BenchModel
import Testing
import VectorCore
@testable import BenchRunner

/// The idle-tenant RSS figure is a difference of readings: it is a number
/// only when that difference is above the measurement's resolution, and
/// never negative.
@Suite struct IdleTenantMeasurementTests {
    static func footprint(_ rss: UInt64?) -> ProcessFootprint {
        ProcessFootprint(rssBytes: rss, openFiles: 10, memoryMaps: 20)
    }

    static func cost(closed: UInt64?, open: UInt64?, closedAgain: UInt64?) -> IdleTenantCost {
        IdleTenantMeasurement.cost(
            tenants: 100, closed: footprint(closed), open: footprint(open), closedAgain: footprint(closedAgain),
            filesOfClosedTenants: 0, closedTenants: 1_000, disk: nil, allTenants: 1_000)
    }

    @Test func aCleanDifferenceIsAFigure() {
        let cost = Self.cost(closed: 10_000_000, open: 14_000_000, closedAgain: 10_008_192)
        #expect(cost.rssBytesPerOpenTenant == 40_000)
        #expect(cost.unavailable == nil)
    }

    @Test func aNegativeDifferenceIsUnavailableWithTheFigures() {
        // The process was still freeing memory from evictions.
        let cost = Self.cost(closed: 20_000_000, open: 18_500_000, closedAgain: 16_000_000)
        #expect(cost.rssBytesPerOpenTenant == nil)
        let reason = cost.unavailable ?? ""
        #expect(reason.contains("-1500000 bytes"), "\(reason)")
        #expect(reason.contains("4000000 bytes"), "\(reason)")
        // Everything else is still reported.
        #expect(cost.openFilesPerClosedTenant == 0)
    }

    @Test func aDifferenceWithinTheDriftOrAPageIsUnavailable() {
        // Above zero, but no larger than the closed readings disagree by.
        let drifting = Self.cost(closed: 10_000_000, open: 10_500_000, closedAgain: 10_600_000)
        #expect(drifting.rssBytesPerOpenTenant == nil)
        #expect(drifting.unavailable?.contains("resolution of 600000 bytes") == true)
        // One page is the least resident memory can show.
        let onePage = Self.cost(closed: 10_000_000, open: 10_004_096, closedAgain: 10_000_000)
        #expect(onePage.rssBytesPerOpenTenant == nil)
        let twoPages = Self.cost(closed: 10_000_000, open: 10_008_192, closedAgain: nil)
        #expect(twoPages.rssBytesPerOpenTenant == 8_192.0 / 100)
    }

    @Test func anUnreadReadingIsUnavailable() {
        let cost = Self.cost(closed: nil, open: 10_000_000, closedAgain: 10_000_000)
        #expect(cost.rssBytesPerOpenTenant == nil)
        #expect(cost.unavailable?.contains("not read") == true)
    }

    @Test func releasingFreeHeapMemoryWorksHere() {
        // glibc has malloc_trim; the figure relies on it.
        #expect(ProcessFootprint.releaseFreeHeapMemory())
    }
}
