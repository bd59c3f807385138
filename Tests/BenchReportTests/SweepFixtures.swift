import BenchModel
@testable import BenchReport

/// A tenant sweep with figures chosen so the fits can be checked by hand:
/// at T tenants, RSS = 100 MB + 20 kB·T, open files = 10 + 2·T (in one
/// process; `workers-8` holds 8× as many over its 8 workers), search p99
/// 500, 700, 1,300 µs at 1,000, 5,000, 20,000 (piecewise), and 100 fsyncs/s
/// flat. Both measured phases ("steady", "burst") carry the same figures.
enum SweepFixtures {
    static let tenants = [1_000, 5_000, 20_000]
    static let p99 = [500.0, 700, 1_300]

    static func document() -> RunResult {
        let base = RunFixtures.threeConfigurations()
        let templates = Array(base.configurations.prefix(2))
        var records: [ConfigurationResult] = []
        for (index, count) in tenants.enumerated() {
            for template in templates {
                var record = template
                record.sweepValue = .integer(count)
                let processes = template.name == "workers-8" ? 8.0 : 1
                let t = Double(count)
                for phase in record.phases.indices where !record.phases[phase].warmup {
                    record.phases[phase].seconds = 10
                    record.phases[phase].os.rssBytes = Reading(value: 100_000_000 + 20_000 * t)
                    record.phases[phase].os.openFiles = Reading(value: (10 + 2 * t) * processes)
                    record.phases[phase].engine?.fsyncs = 1_000
                    if let search = record.phases[phase].operations.firstIndex(where: { $0.kind == .search }) {
                        record.phases[phase].operations[search].latency.p99 = p99[index]
                    }
                    record.phases[phase].tenancy = TenancySummary(
                        coldOpens: count / 10, coldOpenRate: t / 100, coldOpenLatency: nil, tenantsOpen: nil, peakTenantsOpen: nil)
                }
                record.idleTenant = IdleTenantCost(tenants: count, rssBytesPerOpenTenant: 20_000)
                records.append(record)
            }
        }
        var document = base
        document.runID = "20261201T000000Z-tenant-sweep"
        document.configurations = records
        document.sweep = SweepSummary(path: "data.tenants.count", values: tenants.map { .integer($0) })
        return document
    }

    /// 50,000 tenants on nodes of 1 GiB (80 % usable: 858,993,459.2 bytes),
    /// at most 65,536 open files per process and a search p99 of 2 ms.
    static let request: CapacityPlanRequest = {
        var request = CapacityPlanRequest(tenants: 50_000, vectorsPerTenant: 100, dimension: 64, targetRecall: 0.9,
                                          peakQPS: 1_000, nodeRAMBytes: 1_073_741_824, nodeCores: 8)
        request.openFilesLimit = 65_536
        request.searchP99LimitMilliseconds = 2
        return request
    }()
}
