import ArgumentParser
import BenchReport
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A capacity plan from a measured run: bytes per vector, RAM and disk per tenant, nodes, TLB reach, fsync budget.",
        discussion: """
            For every completed configuration of the result (placement and tenancy as it ran): bytes per vector \
            computed from the formats and corrected by what the run measured; RAM and disk per tenant; nodes \
            needed by RAM and by CPU, from the fastest measured phase per core that reached --target-recall; TLB \
            reach (pages touched per query against the dTLB's entries at 4 KiB and 2 MiB); and the fsync and seal \
            budget per node (writes scaled with searches at the run's mix, against the device's fsync rate). \
            Sizes: 256GiB or 256G (binary), 256GB (decimal). Formulas are printed with the plan.
            """)

    @Option(help: "The result document to plan from (vecbench.run/1, or vecbench.ann/1).") var from: String
    @Option(help: "Tenants to serve.") var tenants: Int
    @Option(name: .customLong("vectors-per-tenant"), help: "Vectors per tenant.") var vectorsPerTenant: Int
    @Option(help: "Vector dimension to plan for.") var dim: Int
    @Option(name: .customLong("target-recall"), help: "Mean recall@k to keep, 0…1.") var targetRecall: Double
    @Option(name: .customLong("peak-qps"), help: "Searches per second over the fleet at peak.") var peakQPS: Double
    @Option(name: .customLong("node-ram"), help: "RAM per node (e.g. 256GiB).") var nodeRAM: String
    @Option(name: .customLong("node-cores"), help: "Cores per node.") var nodeCores: Int
    @Option(name: .customLong("ram-usable"), help: "Share of a node's RAM the index may fill.") var ramUsable: Double = 0.8
    @Option(name: .customLong("cpu-utilization"), help: "Share of a node's cores busy with searches at peak.") var cpuUtilization: Double = 0.7
    @Option(name: .customLong("device-fsync-rate"), help: "fdatasync/s the device sustains (default: estimated from the run's fsync p99).")
    var deviceFsyncRate: Double?
    @Option(name: .customLong("dtlb-entries"), help: "dTLB entries of the node's CPU.") var dTLBEntries: Int = 1536
    @Option(help: "md or html.") var format: String = "md"
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() throws {
        guard format == "md" || format == "html" else { throw ValidationError("--format must be md or html, got '\(format)'") }
        let request = CapacityPlanRequest(
            tenants: tenants, vectorsPerTenant: vectorsPerTenant, dimension: dim, targetRecall: targetRecall, peakQPS: peakQPS,
            nodeRAMBytes: try ByteSize.parse(nodeRAM), nodeCores: nodeCores, ramUsable: ramUsable, cpuUtilization: cpuUtilization,
            deviceFsyncRate: deviceFsyncRate, dTLBEntries: dTLBEntries)
        let document = try ReportFiles.document(from)
        let plan = try CapacityPlan(request: request, measurements: PlanMeasurements.from(document), source: from)
        try ReportFiles.write(format == "html" ? plan.html() : plan.markdown(), to: out)
    }
}
