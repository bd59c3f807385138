import BenchModel

extension CapacityPlan {
    /// One configuration's tenant curve held against the request: each
    /// figure fitted (`CurveFit`), read at the requested tenant count as if
    /// one node held them all, and the tenant count at which it crosses its
    /// limit. The smallest crossing is how many tenants one node holds.
    public struct CurvePlan: Sendable {
        public struct Row: Sendable {
            public var figure: String
            public var fit: CurveFit
            /// The fit at the requested tenants on one node.
            public var atRequest: Double
            public var limit: Double?
            /// Where the limit comes from ("node RAM × ram-usable"), or why
            /// there is none.
            public var limitSource: String
            /// Tenants at which the fit reaches the limit; nil: never, or no limit.
            public var crossing: Double?
            var format: @Sendable (Double) -> String
        }

        public var curve: TenantCurve
        public var rows: [Row]
        /// Tenants one node holds under every stated limit (the smallest
        /// crossing, rounded down); nil when no limit is crossed.
        public var tenantsPerNode: Int?
        /// The row whose limit binds first.
        public var bindingFigure: String?
        /// Nodes for the requested tenants at `tenantsPerNode`.
        public var nodes: Int?
        /// Where the request or a crossing lies outside the measured range.
        public var outside: [String]

        init(_ curve: TenantCurve, _ request: CapacityPlanRequest) {
            self.curve = curve
            let tenants = Double(request.tenants)
            func points(_ read: (TenantCurve.Point) -> Double?) -> [CurveFit.Point] {
                curve.points.compactMap { point in read(point).map { CurveFit.Point(x: point.tenants, y: $0) } }
            }
            var rows: [Row] = []
            func add(_ figure: String, _ fit: CurveFit?, limit: Double?, source: String, format: @escaping @Sendable (Double) -> String) {
                guard let fit else { return }
                // Every figure here is a level or a rate: a falling fit ends at 0.
                rows.append(Row(figure: figure, fit: fit, atRequest: max(0, fit.value(at: tenants)), limit: limit, limitSource: source,
                                crossing: limit.flatMap { fit.crossing($0, from: 1) }, format: format))
            }
            let usable = request.nodeRAMBytes * request.ramUsable
            add("RSS", .linear(points(\.rssBytes)), limit: usable, source: "node RAM × --ram-usable",
                format: { NumberFormatting.bytes($0) })
            add("open files per process", .linear(points(\.openFilesPerProcess)), limit: request.openFilesLimit.map(Double.init),
                source: request.openFilesLimit == nil ? "no --open-files-limit" : "--open-files-limit",
                format: { NumberFormatting.significant($0) })
            add("fsyncs/s at the run's load", .linear(points(\.fsyncsPerSecond)), limit: request.deviceFsync?.perSecond,
                source: request.deviceFsync.map { "device fsync rate (\($0.source))" } ?? "device fsync rate unknown",
                format: { NumberFormatting.rate($0) })
            add("search p99", .piecewise(points(\.searchP99Microseconds)), limit: request.searchP99LimitMilliseconds.map { $0 * 1000 },
                source: request.searchP99LimitMilliseconds == nil ? "no --search-p99-limit-ms" : "--search-p99-limit-ms",
                format: { NumberFormatting.latency(microseconds: $0) })
            add("cold-open p99", .piecewise(points(\.coldOpenP99Microseconds)), limit: nil, source: "none",
                format: { NumberFormatting.latency(microseconds: $0) })
            self.rows = rows

            let binding = rows.filter { $0.crossing != nil }.min { $0.crossing! < $1.crossing! }
            bindingFigure = binding?.figure
            tenantsPerNode = binding.map { Saturating.count($0.crossing!.rounded(.down), minimum: 0) }
            nodes = tenantsPerNode.map { $0 > 0 ? Saturating.ceiling(tenants / Double($0), minimum: 1) : 0 }

            var outside: [String] = []
            let range = curve.range
            let measured = "the measured \(NumberFormatting.grouped(range.lowerBound))…\(NumberFormatting.grouped(range.upperBound)) tenants"
            if tenants > range.upperBound {
                outside.append("\(NumberFormatting.grouped(tenants)) tenants lies beyond \(measured): figures there are extrapolated")
            } else if tenants < range.lowerBound {
                outside.append("\(NumberFormatting.grouped(tenants)) tenants lies below \(measured)")
            }
            if request.openFilesLimit != nil, !rows.contains(where: { $0.figure == "open files per process" }) {
                outside.append("the document has no open-file readings: --open-files-limit was not checked")
            }
            if curve.points.count < 2 {
                outside.append("one measured point: the linear fits are that point's cost per tenant, not a slope")
            }
            for row in rows {
                guard let crossing = row.crossing, crossing > range.upperBound || crossing < range.lowerBound else { continue }
                outside.append("\(row.figure) crosses its limit at \(NumberFormatting.grouped(crossing.rounded(.down))) tenants, "
                    + "outside \(measured)")
            }
            self.outside = outside
        }
    }

    /// The section of a plan from a tenant sweep; nil without one.
    func curveSection() -> PlanSection? {
        guard !curves.isEmpty else { return nil }
        var table = ReportTable(titles: [
            ("configuration", .left), ("figure", .left), ("fit", .left), ("measured tenants", .right),
            ("at \(NumberFormatting.grouped(request.tenants)) tenants on one node", .right), ("limit", .right),
            ("limit crossed at tenants", .right),
        ])
        var items: [String] = []
        for plan in curves {
            let range = plan.curve.range
            for row in plan.rows {
                table.append([
                    ReportTable.Cell(plan.curve.configuration), ReportTable.Cell(row.figure), ReportTable.Cell(row.fit.description(row.format)),
                    ReportTable.Cell("\(NumberFormatting.grouped(range.lowerBound))…\(NumberFormatting.grouped(range.upperBound))"),
                    ReportTable.Cell(row.format(row.atRequest)),
                    ReportTable.Cell(row.limit.map { "\(row.format($0)) (\(row.limitSource))" } ?? row.limitSource),
                    ReportTable.Cell(row.limit == nil ? "–" : row.crossing.map { NumberFormatting.grouped($0.rounded(.down)) } ?? "never"),
                ])
            }
            if let perNode = plan.tenantsPerNode, let nodes = plan.nodes, let figure = plan.bindingFigure {
                items.append("\(plan.curve.configuration): one node holds \(NumberFormatting.grouped(perNode)) tenants before "
                    + "\(figure) crosses its limit: \(NumberFormatting.grouped(nodes)) nodes for \(NumberFormatting.grouped(request.tenants))")
            } else {
                items.append("\(plan.curve.configuration): no stated limit is crossed along the fits")
            }
            items += plan.outside.map { "\(plan.curve.configuration): \($0)" }
        }
        let intro = "The run swept the tenant count; these figures come from its curve, one node holding every tenant. "
            + "Memory, open files and fsyncs/s are fitted linear in tenants (least squares); latencies are interpolated "
            + "piecewise-linearly between measured points, and beyond the largest continue the last segment's slope, "
            + "never below the last measured value. Open files per process: with worker processes, their total ÷ workers."
        return PlanSection(anchor: "curve", title: "Along the tenant curve", intro: intro, table: table, items: items)
    }
}
