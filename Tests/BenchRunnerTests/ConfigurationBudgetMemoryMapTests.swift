import BenchModel
import Testing
@testable import BenchRunner

/// The memory-map estimate checked against `vm.max_map_count` before a
/// configuration loads (arithmetic only; the limit is passed in).
@Suite("configuration budget: memory maps")
struct ConfigurationBudgetMemoryMapTests {
    static func settings(_ change: (inout EngineSettings) -> Void) -> EngineSettings {
        var settings = EngineSettings.defaults
        settings.storage = .mmap
        settings.indexingThreshold = 100
        change(&settings)
        return settings
    }

    /// 1,000 tenants of 250 points: three sealed pieces each.
    static let sizes = [Int](repeating: 250, count: 1_000)

    @Test("pieces per tenant: nothing below the threshold, a partial piece above it")
    func pieces() {
        #expect(ConfigurationBudget.sealedSegments(points: 99, indexingThreshold: 100) == 0)
        #expect(ConfigurationBudget.sealedSegments(points: 100, indexingThreshold: 100) == 1)
        #expect(ConfigurationBudget.sealedSegments(points: 250, indexingThreshold: 100) == 3)
    }

    @Test("the open-collection bound, a shared WAL, workers and RAM storage")
    func estimates() {
        let slack = ConfigurationBudget.slackMaps
        let bounded = Self.settings { $0.maximumOpenCollections = 100 }
        #expect(ConfigurationBudget.memoryMaps(bounded, sizes: Self.sizes) == 300 + slack)
        let shared = Self.settings { $0.walScope = .shared }
        #expect(ConfigurationBudget.memoryMaps(shared, sizes: Self.sizes) == 3_000 + slack)
        let workers = Self.settings { $0.walScope = .shared; $0.placement = .workers(4) }
        #expect(ConfigurationBudget.memoryMaps(workers, sizes: Self.sizes) == 750 + slack)
        let ram = Self.settings { $0.storage = .ram }
        #expect(ConfigurationBudget.memoryMaps(ram, sizes: Self.sizes) == slack)
    }

    @Test("over the limit: refused naming the sysctl and the figure that lifts it")
    func refusal() throws {
        let shared = Self.settings { $0.walScope = .shared }
        let needed = 3_000 + ConfigurationBudget.slackMaps
        #expect(throws: Never.self) { try ConfigurationBudget.checkMemoryMaps(shared, sizes: Self.sizes, limit: needed) }
        do {
            try ConfigurationBudget.checkMemoryMaps(shared, sizes: Self.sizes, limit: needed - 1)
            Issue.record("expected a refusal")
        } catch let refusal as ConfigurationBudget.Refusal {
            #expect(refusal.description.contains("vm.max_map_count is \(needed - 1)"))
            #expect(refusal.description.contains("sysctl -w vm.max_map_count=\(needed)"))
        }
    }
}
