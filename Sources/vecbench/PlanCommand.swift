import ArgumentParser
import BenchModel
import BenchReport
import Foundation
import VectorCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A capacity plan from a measured run: bytes per vector, RAM and disk per tenant, nodes, TLB reach, fsync budget.",
        discussion: """
            For every completed configuration of the result (placement and tenancy as it ran): bytes per vector \
            computed from the formats and corrected by what the run measured; RAM and disk per tenant and per node \
            (one WAL per WAL: per tenant only with a WAL per collection); nodes needed by RAM and by CPU, from the \
            fastest measured phase per core that reached --target-recall, carried to --dim by a stated model \
            (--distance-share of search time grows with the dimension); TLB reach; and the fsync and seal budget \
            per node (--writes-per-second, or the run's writes per search; against the device's fsync rate from \
            --device-from or --device-fsyncs-per-second, otherwise unknown). Figures beyond what the run measured \
            (dimension, tenants, points) are listed as such. Sizes: 256GiB or 256G (binary), 256GB (decimal). \
            From a document that swept data.tenants.count, the plan also fits the curve (RSS, open files and fsyncs/s \
            linear in tenants; latencies piecewise-linear, last segment's slope beyond) and names the tenant count \
            at which one node crosses node RAM × --ram-usable, --open-files-limit, the device's fsync rate or \
            --search-p99-limit-ms. Formulas and bounds of every flag are printed with the plan.
            """)

    @Option(help: "The result document to plan from (vecbench.run/1 or /2, or vecbench.ann/1).") var from: String
    @Option(help: "Tenants to serve (1…1,000,000).") var tenants: Int
    @Option(name: .customLong("vectors-per-tenant"), help: "Vectors per tenant (1…1,000,000,000).") var vectorsPerTenant: Int
    @Option(help: "Vector dimension to plan for (1…65,536).") var dim: Int
    @Option(name: .customLong("target-recall"), help: "Mean recall@k to keep, (0, 1].") var targetRecall: Double
    @Option(name: .customLong("peak-qps"), help: "Searches per second over the fleet at peak, (0, 10^9].") var peakQPS: Double
    @Option(name: [.customLong("writes-per-second"), .customLong("upserts-per-second")],
            help: "Write calls (upserts and deletes) per second over the fleet at peak, [0, 10^9] (default: the run's writes per search × --peak-qps, said in the plan).")
    var writesPerSecond: Double?
    @Option(name: .customLong("node-ram"), help: "RAM per node, 1 MiB…1 PiB (e.g. 256GiB).") var nodeRAM: String
    @Option(name: .customLong("node-cores"), help: "Cores per node (1…4,096).") var nodeCores: Int
    @Option(name: .customLong("ram-usable"), help: "Share of a node's RAM the index may fill, (0, 1].") var ramUsable: Double = 0.8
    @Option(name: .customLong("cpu-utilization"), help: "Share of a node's cores busy with searches at peak, (0, 1].")
    var cpuUtilization: Double = 0.7
    @Option(name: .customLong("device-from"), help: "A bench-wal document (vecbench.wal/1): its raw fdatasync rate is the device's.")
    var deviceFrom: String?
    @Option(name: [.customLong("device-fsyncs-per-second"), .customLong("device-fsync-rate")],
            help: "fdatasync/s the device sustains, (0, 10^9] (default: from --device-from, else unknown).")
    var deviceFsyncsPerSecond: Double?
    @Option(name: .customLong("distance-share"), help: "Share of search time that grows with the dimension, [0, 1].")
    var distanceShare: Double = 1
    @Option(name: .customLong("dtlb-entries"), help: "dTLB entries of the node's CPU (1…1,048,576).") var dTLBEntries: Int = 1536
    @Option(name: .customLong("open-files-limit"), help: "Open files one process may hold (RLIMIT_NOFILE), checked along a tenant sweep's curve (1…2^30).")
    var openFilesLimit: Int?
    @Option(name: .customLong("search-p99-limit-ms"), help: "Search p99 objective in ms, checked along a tenant sweep's curve, (0, 10^9].")
    var searchP99LimitMilliseconds: Double?
    @Option(help: "md or html.") var format: String = "md"
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() throws {
        guard format == "md" || format == "html" else { throw ValidationError("--format must be md or html, got '\(format)'") }
        // The sizes the engine bounds everywhere, with the same limits.
        try InputLimit.tenants.check(tenants, at: "--tenants")
        try InputLimit.points.check(vectorsPerTenant, at: "--vectors-per-tenant")
        try InputLimit.dimension.check(dim, at: "--dim")
        if deviceFrom != nil, deviceFsyncsPerSecond != nil {
            throw ValidationError("give --device-from or --device-fsyncs-per-second, not both")
        }
        var device = deviceFsyncsPerSecond.map { DeviceFsyncRate(perSecond: $0, source: "--device-fsyncs-per-second") }
        if let deviceFrom { device = try Self.deviceRate(deviceFrom) }
        var request = CapacityPlanRequest(
            tenants: tenants, vectorsPerTenant: vectorsPerTenant, dimension: dim, targetRecall: targetRecall, peakQPS: peakQPS,
            nodeRAMBytes: try ByteSize.parse(nodeRAM), nodeCores: nodeCores, ramUsable: ramUsable, cpuUtilization: cpuUtilization,
            deviceFsync: device, writesPerSecond: writesPerSecond, distanceShare: distanceShare, dTLBEntries: dTLBEntries)
        request.openFilesLimit = openFilesLimit
        request.searchP99LimitMilliseconds = searchP99LimitMilliseconds
        try request.validate()
        let document = try ReportFiles.document(from)
        let plan = try CapacityPlan(request: request, measurements: PlanMeasurements.from(document), source: from,
                                    curves: TenantCurve.from(document))
        try ReportFiles.write(format == "html" ? plan.html() : plan.markdown(), to: out)
    }

    /// The device's raw fdatasync rate from a bench-wal document.
    static func deviceRate(_ path: String) throws -> DeviceFsyncRate {
        let data = try ReportFiles.read(path)
        let wal: WALBenchResult
        do {
            wal = try JSONDecoder().decode(WALBenchResult.self, from: data)
        } catch {
            throw ReportError.unreadableDocument(source: path, detail: "not a bench-wal document (\(WALBenchResult.schemaIdentifier)): \(error)")
        }
        guard wal.schema == WALBenchResult.schemaIdentifier else {
            throw ReportError.unknownSchema(source: path, schema: wal.schema)
        }
        return try DeviceFsyncRate.from(wal, source: path)
    }
}
