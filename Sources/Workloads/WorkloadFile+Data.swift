import VectorCore

extension WorkloadFile {
    static let dataKeys = ["dimension", "metric", "tenants", "source", "queries_per_tenant", "k", "recall_samples"]

    /// Defaults of the optional `data` keys (documented in workloads/README.md).
    enum DataDefaults {
        static let metric = Metric.l2
        static let clustersPerTenant = 8
        static let queriesPerTenant = 100
        static let k = 10
        static let recallSamples = 100
    }

    /// Largest tenant count and tenant size accepted: far beyond this
    /// machine, small enough that a typo (an extra zero or three) is caught
    /// before it allocates.
    static let maximumTenants = InputLimit.tenants.range.upperBound
    static let maximumTenantSize = 100_000_000

    static func readData(_ node: SchemaNode, baseDirectory: String) throws(WorkloadError) -> DataSpecification {
        let data = try node.mapping(allowedKeys: dataKeys)
        let dimension = try data.required("dimension").integer(within: .dimension)
        let metric = try data.value("metric").map { (node: SchemaNode) throws(WorkloadError) in try readMetric(node) }
            ?? DataDefaults.metric
        let tenants = try data.required("tenants").mapping(allowedKeys: ["count", "sizes"])
        let count = try tenants.required("count").integer(within: .tenants)
        let sizes = try readSizes(tenants.required("sizes"), tenants: count)
        let source = try data.value("source").map { (node: SchemaNode) throws(WorkloadError) in
            try readSource(node, baseDirectory: baseDirectory)
        } ?? .clustered(clustersPerTenant: DataDefaults.clustersPerTenant)
        let queries = try data.value("queries_per_tenant")?.integer(atLeast: 1, atMost: 1_000_000) ?? DataDefaults.queriesPerTenant
        let k = try data.value("k")?.integer(within: .k) ?? DataDefaults.k
        let recall = try data.value("recall_samples")?.integer(atLeast: 0, atMost: 1_000_000) ?? DataDefaults.recallSamples
        try checkGeneratedPoints(tenants: count, node: tenants.required("count"), [
            ("tenant points", sizes.typicalPerTenant, tenants.required("sizes")),
            ("queries", queries, data.value("queries_per_tenant") ?? node),
        ] + (clustersPerTenant(source).map { [("cluster centres", $0, data.value("source") ?? node)] } ?? []))
        return DataSpecification(dimension: dimension, metric: metric, tenants: count, tenantSizes: sizes, source: source,
                                 queriesPerTenant: queries, k: k, recallSamples: recall)
    }

    /// Every per-tenant amount × tenants must stay within
    /// `InputLimit.points`: tenant tables and generated vectors are sized by
    /// these products, so a typo of three zeros fails here, not in an
    /// allocation an hour into the run.
    static func checkGeneratedPoints(
        tenants: Int, node: SchemaNode, _ amounts: [(what: String, perTenant: Int, node: SchemaNode)]
    ) throws(WorkloadError) {
        let limit = InputLimit.points
        for (what, perTenant, amountNode) in amounts {
            let (total, overflow) = tenants.multipliedReportingOverflow(by: perTenant)
            guard overflow || total > limit.range.upperBound else { continue }
            throw amountNode.error("\(tenants) tenants × \(perTenant) \(what) per tenant is more than "
                + "\(limit.range.upperBound) points in one run (\(limit.why))")
        }
    }

    static func clustersPerTenant(_ source: DataSource) -> Int? {
        if case .clustered(let clusters) = source { return clusters }
        return nil
    }

    static func readMetric(_ node: SchemaNode) throws(WorkloadError) -> Metric {
        let text = try node.string()
        guard let metric = Metric(parsing: text) else {
            let spellings = ["l2", "euclidean", "ip", "dot", "inner-product", "cosine", "angular"]
            throw node.error("unknown metric '\(text)'; use l2, ip or cosine" + SpellingSuggestion.hint(for: text, among: spellings))
        }
        return metric
    }

    static func readSizes(_ node: SchemaNode, tenants: Int) throws(WorkloadError) -> SizeDistribution {
        let (form, value) = try node.choice(of: ["fixed", "zipf", "lognormal"])
        let settings = value!
        switch form {
        case "fixed":
            return .fixed(try settings.integer(atLeast: 1, atMost: maximumTenantSize))
        case "zipf":
            let zipf = try settings.mapping(allowedKeys: ["total", "exponent", "min", "max"])
            let total = try zipf.required("total").integer(within: .points, atLeast: 1)
            let exponent = try zipf.value("exponent")?.number(atLeast: 0, atMost: 10) ?? 1.0
            let minimum = try zipf.value("min")?.integer(atLeast: 1, atMost: maximumTenantSize) ?? 1
            let maximum = try zipf.value("max")?.integer(atLeast: 1, atMost: maximumTenantSize) ?? min(total, maximumTenantSize)
            guard minimum <= maximum else { throw settings.error("min (\(minimum)) must not exceed max (\(maximum))") }
            let (lowest, lowOverflow) = tenants.multipliedReportingOverflow(by: minimum)
            let (highest, highOverflow) = tenants.multipliedReportingOverflow(by: maximum)
            guard !lowOverflow, lowest <= total, highOverflow || total <= highest else {
                throw settings.error("total \(total) cannot be split over \(tenants) tenants of \(minimum)...\(maximum) points each "
                    + "(possible totals: \(lowOverflow ? "none" : "\(lowest)")...\(highOverflow ? "∞" : "\(highest)"))")
            }
            return .zipf(total: total, exponent: exponent, minimum: minimum, maximum: maximum)
        default:
            let lognormal = try settings.mapping(allowedKeys: ["median", "sigma", "min", "max"])
            let median = try lognormal.required("median").integer(atLeast: 1, atMost: maximumTenantSize)
            let sigma = try lognormal.required("sigma").number(atLeast: 0, atMost: 5)
            let minimum = try lognormal.value("min")?.integer(atLeast: 1, atMost: maximumTenantSize) ?? 1
            let maximum = try lognormal.value("max")?.integer(atLeast: 1, atMost: maximumTenantSize)
                ?? min(median * 100, maximumTenantSize)
            guard minimum <= maximum else { throw settings.error("min (\(minimum)) must not exceed max (\(maximum))") }
            return .lognormal(median: median, sigma: sigma, minimum: minimum, maximum: maximum)
        }
    }

    static func readSource(_ node: SchemaNode, baseDirectory: String) throws(WorkloadError) -> DataSource {
        let (form, value) = try node.choice(of: ["clustered", "file"], bareForms: ["clustered"])
        switch form {
        case "clustered":
            guard let value, !value.isNull else { return .clustered(clustersPerTenant: DataDefaults.clustersPerTenant) }
            let clustered = try value.mapping(allowedKeys: ["clusters_per_tenant"])
            let clusters = try clustered.value("clusters_per_tenant")?.integer(atLeast: 1, atMost: 100_000)
                ?? DataDefaults.clustersPerTenant
            return .clustered(clustersPerTenant: clusters)
        default:
            let path = try value!.string()
            guard !path.isEmpty else { throw value!.error("the dataset path is empty") }
            return .file(path: path.hasPrefix("/") ? path : baseDirectory + "/" + path)
        }
    }
}
