import BenchModel

/// The curves of a swept run document: each figure against the swept value,
/// one curve per configuration (by name, without the value), one point per
/// value. A point is the median over the record's repetitions, or why there
/// is none. Phase figures are drawn per measured phase; figures of a whole
/// configuration (idle cost of a tenant) once.
///
/// The HTML, Markdown and text forms are in `SweepCurves+HTML.swift` and
/// `SweepCurves+Tables.swift`; the CSV carries the swept value on every row
/// (`RunCSVWriter`).
struct SweepCurves {
    /// One figure a curve can show, and how to read it from a record.
    struct Figure: Sendable {
        var id: String
        var title: String
        var unit: MetricDefinition.Unit
        /// From each measured phase, or once from the whole configuration.
        var read: Read

        enum Read: Sendable {
            case phase(@Sendable (PhaseResult) -> MetricValue?)
            case configuration(@Sendable (ConfigurationResult) -> MetricValue?)
        }

        var perPhase: Bool { if case .phase = read { true } else { false } }

        func format(_ value: Double) -> String { MetricDefinition(id: id, title: title, unit: unit, direction: .neutral).format(value) }
    }

    struct Point {
        var value: SweepValue
        var y: MetricValue
    }

    struct Curve {
        var configuration: String
        var points: [Point]
    }

    struct Chart {
        var figure: Figure
        /// The measured phase, for a phase figure.
        var phase: String?
        var curves: [Curve]

        var title: String { figure.title + (phase.map { " — \($0)" } ?? "") }
        var hasValues: Bool { curves.contains { $0.points.contains { $0.y.number != nil } } }
        /// Why the chart has no value at all: the first reason a point gave.
        var unavailableReason: String? {
            curves.lazy.flatMap(\.points).compactMap(\.y.unavailableReason).first
        }
    }

    let path: String
    let values: [SweepValue]
    let configurations: [String]
    let charts: [Chart]

    /// Whether every value is a number (a real axis) or some is a word
    /// (values are then placed evenly, in run order).
    var numericAxis: Bool { values.allSatisfy { $0.numeric != nil } }

    /// The curves of `result`, or nil when it holds no sweep.
    init?(_ result: RunResult) {
        guard let sweep = result.sweep, !sweep.values.isEmpty else { return nil }
        path = sweep.path
        values = sweep.values
        var names: [String] = []
        for record in result.configurations where !names.contains(record.name) { names.append(record.name) }
        configurations = names
        var phases: [String] = []
        for record in result.configurations {
            for phase in record.phases where !phase.warmup && !phases.contains(phase.name) { phases.append(phase.name) }
        }
        var charts: [Chart] = []
        for figure in Self.figures {
            let chartPhases: [String?] = figure.perPhase ? phases.map { $0 } : [nil]
            for phase in chartPhases {
                let curves = names.map { name in
                    Curve(configuration: name, points: sweep.values.map { value in
                        let records = result.configurations.filter { $0.name == name && $0.sweepValue == value }
                        return Point(value: value, y: Self.median(records, figure, phase: phase))
                    })
                }
                charts.append(Chart(figure: figure, phase: phase, curves: curves))
            }
        }
        // A figure no record measured at all, whose absence is the document's
        // age rather than news (modelled page walks without a model), is left out.
        self.charts = charts.filter { $0.hasValues || $0.figure.id != "modelled-page-walks" }
    }

    /// The median over the completed repetitions of one record, or the
    /// first reason none of them measured it.
    static func median(_ records: [ConfigurationResult], _ figure: Figure, phase: String?) -> MetricValue {
        var samples: [Double] = []
        var reason: String?
        for record in records {
            if case .failed(let why) = record.status {
                reason = reason ?? "failed: \(why)"
                continue
            }
            let value: MetricValue?
            switch figure.read {
            case .phase(let read): value = record.phases.first { $0.name == phase }.flatMap(read)
            case .configuration(let read): value = read(record)
            }
            switch value {
            case .value(let number)?: samples.append(number)
            case .unavailable(let why)?: reason = reason ?? why
            case nil: reason = reason ?? "not measured"
            }
        }
        if records.isEmpty { return .unavailable("no record at this value") }
        if let median = Statistics.median(samples) { return .value(median) }
        return .unavailable(reason ?? "not measured")
    }

    static func level(_ reading: Reading?, _ what: String) -> MetricValue {
        guard let reading else { return .unavailable("\(what) not in this document (written before it was measured)") }
        return MetricCatalog.reading(reading)
    }

    /// The figures the issue asks for, in report order.
    static let figures: [Figure] = [
        Figure(id: "search.p99", title: "search p99", unit: .microseconds, read: .phase { phase in
            phase.operation(.search).map { .value($0.latency.p99) } ?? .unavailable("no searches in the phase")
        }),
        Figure(id: "rss", title: "RSS", unit: .bytes, read: .phase { MetricCatalog.reading($0.os.rssBytes) }),
        Figure(id: "open-files", title: "open files", unit: .count, read: .phase { level($0.os.openFiles, "open files") }),
        Figure(id: "fsyncs-per-second", title: "fsyncs/s", unit: .perSecond, read: .phase { phase in
            guard let engine = phase.engine else { return .unavailable("no engine figures") }
            return .value(phase.seconds > 0 ? Double(engine.fsyncs) / phase.seconds : 0)
        }),
        Figure(id: "seal-wait.p99", title: "seal queue wait p99", unit: .milliseconds, read: .phase { phase in
            phase.engine.map { .value($0.sealQueueWaitP99Milliseconds) } ?? .unavailable("no engine figures")
        }),
        Figure(id: "cold-open.p99", title: "cold-open p99", unit: .microseconds, read: .phase { phase in
            guard let tenancy = phase.tenancy else { return .unavailable("cold opens not in this document") }
            return tenancy.coldOpenLatency.map { .value($0.p99) }
                ?? .unavailable(tenancy.coldOpens == 0 ? "no cold opens" : "cold-open latency not measured")
        }),
        Figure(id: "cold-open.rate", title: "cold opens/s", unit: .perSecond, read: .phase { phase in
            phase.tenancy.map { .value($0.coldOpenRate) } ?? .unavailable("cold opens not in this document")
        }),
        Figure(id: "modelled-page-walks", title: "modelled page walks/op", unit: .perSearch, read: .phase { phase in
            guard let model = phase.modelled.first else { return .unavailable("no memory model in the workload") }
            return model.figures.map { .value($0.pageWalksPerOperation) } ?? .unavailable(model.unavailable ?? "not modelled")
        }),
        Figure(id: "idle-rss-per-tenant", title: "idle RSS per tenant", unit: .bytes, read: .configuration { record in
            guard let idle = record.idleTenant else { return .unavailable("idle tenant cost not measured") }
            return idle.rssBytesPerOpenTenant.map { .value($0) } ?? .unavailable(idle.unavailable ?? "not measured")
        }),
    ]
}
