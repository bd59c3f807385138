import BenchModel

/// One configuration's figures along a tenant sweep (`sweep:` of
/// `data.tenants.count`): what `plan` fits to say how the configuration
/// grows with tenants on one node. Each point is one swept value, from its
/// first completed repetition's measured phases: the largest level a phase
/// ended at (RSS, open files), the highest rate (fsyncs/s) and the worst
/// percentile (search and cold-open p99).
public struct TenantCurve: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var tenants: Double
        public var rssBytes: Double?
        /// Open files of the process that holds the most: all of them in
        /// one process; with worker processes, their total ÷ workers.
        public var openFilesPerProcess: Double?
        public var fsyncsPerSecond: Double?
        public var searchP99Microseconds: Double?
        public var coldOpenP99Microseconds: Double?
    }

    /// The sweep path a tenant curve is drawn along.
    public static let tenantPath = "data.tenants.count"

    public var configuration: String
    public var processes: Int
    public var points: [Point]

    /// The curves of a run document that swept the tenant count; [] for
    /// any other document.
    public static func from(_ document: ResultDocument) -> [TenantCurve] {
        guard case .run(let run) = document else { return [] }
        return from(run)
    }

    static func from(_ run: RunResult) -> [TenantCurve] {
        guard let sweep = run.sweep, sweep.path == tenantPath else { return [] }
        var names: [String] = []
        for record in run.configurations where !names.contains(record.name) { names.append(record.name) }
        return names.compactMap { name in
            let records = run.configurations.filter { $0.name == name }
            var processes = 1
            let points: [Point] = sweep.values.compactMap { value in
                guard let tenants = value.numeric,
                      let record = records.first(where: { $0.sweepValue == value && $0.status == .completed }) else { return nil }
                if case .workers(let count) = record.settings.placement { processes = max(1, count) }
                return point(record, tenants: tenants, processes: processes)
            }
            return points.isEmpty ? nil : TenantCurve(configuration: name, processes: processes, points: points)
        }
    }

    static func point(_ record: ConfigurationResult, tenants: Double, processes: Int) -> Point {
        let measured = record.phases.filter { !$0.warmup }
        let fsyncRates = measured.compactMap { phase in
            phase.engine.flatMap { phase.seconds > 0 ? Double($0.fsyncs) / phase.seconds : nil }
        }
        return Point(
            tenants: tenants,
            rssBytes: measured.compactMap { $0.os.rssBytes.value }.max(),
            openFilesPerProcess: measured.compactMap { $0.os.openFiles?.value }.max().map { $0 / Double(processes) },
            fsyncsPerSecond: fsyncRates.max(),
            searchP99Microseconds: measured.compactMap { $0.operation(.search).flatMap { $0.count > 0 ? $0.latency.p99 : nil } }.max(),
            coldOpenP99Microseconds: measured.compactMap { $0.tenancy?.coldOpenLatency?.p99 }.max())
    }

    /// The measured tenant counts' range.
    public var range: ClosedRange<Double> {
        let tenants = points.map(\.tenants)
        return (tenants.min() ?? 0)...(tenants.max() ?? 0)
    }
}
