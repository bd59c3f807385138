import BenchModel

/// Result documents side by side: for every configuration, measured phase
/// and metric, each side's median, its absolute and relative difference
/// from the reference (the first side), and which side is better — lower
/// latency, higher throughput and recall, fewer misses per operation.
///
/// Two layouts. *By document* (several documents sharing configuration
/// names — the same workload at two commits): one table per configuration,
/// a column per document. *By configuration* (one document, or documents
/// with no configuration in common): one table per phase, a column per
/// configuration — which configuration wins.
public struct RunComparison: Sendable {
    public enum Layout: String, Sendable, CaseIterable {
        case byDocument = "document"
        case byConfiguration = "configuration"
    }

    /// One side: a configuration of a document.
    public struct Column: Sendable {
        public var title: String
        public var document: Int
        public var configuration: String
    }

    public struct Cell: Sendable {
        public var value: MetricValue?
        /// value − reference, and (value − reference) / reference.
        public var delta: Double?
        public var relative: Double?
        /// Repetitions of both sides overlap: the difference is within their spread.
        public var withinNoise: Bool
        /// This side against the reference, by `VerdictRule`; nil for the
        /// reference itself and where the rule cannot judge.
        public var judgement: VerdictRule.Judgement? = nil
    }

    public struct Row: Sendable {
        public var phase: String
        public var metric: MetricDefinition
        public var cells: [Cell]
        /// Index of the best column, nil when the metric has no direction,
        /// fewer than two sides have it, or `VerdictRule` finds no
        /// difference between the best side and the runner-up (equal,
        /// negligible, or within the interval).
        public var best: Int?
        /// False when the best side differs from the runner-up but nothing
        /// bounds the noise (one run each, no interval): shown with a "?".
        public var bestConfirmed: Bool = true
    }

    /// A table: its title (a configuration, or a phase) and its columns.
    public struct Table: Sendable {
        public var title: String
        public var columns: [Column]
        public var rows: [Row]
    }

    public var layout: Layout
    public var documentLabels: [String]
    public var tables: [Table]
    /// Fingerprints that differ from the first document's, as warnings.
    public var warnings: [String]
    /// The headline figures of every table, each side against the table's
    /// first column, by the same rule as a run report's verdict.
    public var verdict: Verdict = Verdict(reference: nil, findings: [], notes: [])

    /// Compares `documents` (with a label each, e.g. the file name), keeping
    /// only metrics whose id matches one of `metrics` (globs) when given.
    public init(_ documents: [(label: String, document: ResultDocument)], layout requested: Layout? = nil,
                metrics: [String]? = nil) throws {
        guard let first = documents.first else { throw ReportError.nothingToReport(source: "compare", detail: "no documents given") }
        for other in documents.dropFirst() where other.document.family != first.document.family {
            throw ReportError.mismatchedSchemas(first: "\(first.label) (\(first.document.schema))",
                                                second: "\(other.label) (\(other.document.schema))")
        }
        let sets = documents.map { $0.document.measurements }
        documentLabels = documents.map(\.label)
        let shared = Set(sets[0].configurations).intersection(sets.dropFirst().flatMap(\.configurations))
        layout = requested ?? (documents.count > 1 && !shared.isEmpty ? .byDocument : .byConfiguration)
        warnings = []
        let fingerprint = first.document.context.machineFingerprint
        for other in documents.dropFirst() where other.document.context.machineFingerprint != fingerprint {
            warnings.append("\(other.label) was measured on \(other.document.context.machineFingerprint), "
                + "\(first.label) on \(fingerprint): timing differences may be the machines'")
        }
        tables = []
        switch layout {
        case .byDocument:
            var names: [String] = []
            for set in sets { for name in set.configurations where !names.contains(name) { names.append(name) } }
            for name in names {
                let columns = sets.indices.filter { sets[$0].configurations.contains(name) }
                    .map { Column(title: documentLabels[$0], document: $0, configuration: name) }
                tables.append(Self.table(title: name, columns: columns, sets: sets, metrics: metrics))
            }
        case .byConfiguration:
            var columns: [Column] = []
            for (index, set) in sets.enumerated() {
                for name in set.configurations where !set.phases(of: name).isEmpty {
                    columns.append(Column(title: documents.count > 1 ? "\(documentLabels[index]): \(name)" : name,
                                          document: index, configuration: name))
                }
            }
            tables.append(Self.table(title: "configurations", columns: columns, sets: sets, metrics: metrics))
        }
        verdict = Self.verdict(tables, sets: sets, layout: layout, metrics: metrics)
        for (index, set) in sets.enumerated() {
            for (name, reason) in set.failures.sorted(by: { $0.key < $1.key }) {
                warnings.append("\(documentLabels[index]): \(name) failed: \(reason)")
            }
        }
    }

    /// Every table's non-reference columns against its first; in the
    /// by-document layout a finding's phase names its configuration.
    private static func verdict(_ tables: [Table], sets: [MeasurementSet], layout: Layout, metrics filter: [String]?) -> Verdict {
        let headlines = Verdict.headlines.filter { metric in filter.map { $0.contains { Glob.matches($0, metric.id) } } ?? true }
        var findings: [Verdict.Finding] = []
        for table in tables {
            guard let first = table.columns.first else { continue }
            let reference = Verdict.Side(label: first.title, set: sets[first.document], configuration: first.configuration)
            for column in table.columns.dropFirst() {
                let candidate = Verdict.Side(label: column.title, set: sets[column.document], configuration: column.configuration)
                findings += Verdict.findings(reference: reference, candidate: candidate, metrics: headlines).map { finding in
                    var finding = finding
                    if layout == .byDocument { finding.phase = "\(table.title) / \(finding.phase)" }
                    return finding
                }
            }
        }
        let references = Set(findings.map(\.reference))
        let notes = findings.isEmpty
            ? [headlines.isEmpty ? "no headline figure among --metrics" : "nothing to compare: no figure was measured on two sides"] : []
        return Verdict(reference: references.count == 1 ? references.first : nil, findings: findings, notes: notes,
                       referenceRole: layout == .byDocument ? "the first document" : "the first column")
    }

    private static func table(title: String, columns: [Column], sets: [MeasurementSet], metrics filter: [String]?) -> Table {
        var phases: [String] = []
        for column in columns {
            for phase in sets[column.document].phases(of: column.configuration) where !phases.contains(phase) { phases.append(phase) }
        }
        var rows: [Row] = []
        for phase in phases {
            var metrics: [MetricDefinition] = []
            for column in columns {
                let subject = MeasurementSet.Subject(configuration: column.configuration, phase: phase)
                for entry in sets[column.document].entries(of: subject)
                where !metrics.contains(entry.metric) && (filter.map { $0.contains { Glob.matches($0, entry.metric.id) } } ?? true) {
                    metrics.append(entry.metric)
                }
            }
            for metric in metrics {
                let entries = columns.map {
                    sets[$0.document].entry(.init(configuration: $0.configuration, phase: phase), metric.id)
                }
                rows.append(row(phase: phase, metric: metric, entries: entries))
            }
        }
        return Table(title: title, columns: columns, rows: rows)
    }

    private static func row(phase: String, metric: MetricDefinition, entries: [MeasurementSet.Entry?]) -> Row {
        let reference = entries.first??.value.number
        let referenceSamples = entries.first??.samples ?? []
        var cells: [Cell] = []
        for (index, entry) in entries.enumerated() {
            let value = entry?.value
            var cell = Cell(value: value, delta: nil, relative: nil, withinNoise: false)
            if index > 0, let number = value?.number, let reference {
                cell.delta = number - reference
                cell.relative = reference != 0 ? (number - reference) / abs(reference) : (number == reference ? 0 : .infinity)
                let samples = entry?.samples ?? []
                cell.withinNoise = samples.count > 1 && referenceSamples.count > 1 && Statistics.rangesOverlap(samples, referenceSamples)
            }
            cells.append(cell)
        }
        if let reference = entries.first ?? nil {
            for index in cells.indices.dropFirst() {
                guard let entry = entries[index] else { continue }
                cells[index].judgement = VerdictRule.judge(metric, reference: .init(reference), candidate: .init(entry))
            }
        }
        var row = Row(phase: phase, metric: metric, cells: cells, best: nil)
        // The best side by value, named only when the rule tells it from the runner-up.
        let numbers = cells.enumerated().compactMap { index, cell in cell.value?.number.map { (index, $0) } }
        guard metric.direction != .neutral, numbers.count > 1 else { return row }
        let ordered = numbers.sorted { metric.direction == .lowerIsBetter ? $0.1 < $1.1 : $0.1 > $1.1 }
        guard let winner = entries[ordered[0].0], let runnerUp = entries[ordered[1].0],
              let judgement = VerdictRule.judge(metric, reference: .init(runnerUp), candidate: .init(winner)) else { return row }
        switch judgement.outcome {
        case .better: row.best = ordered[0].0
        case .unconfirmed:
            row.best = ordered[0].0
            row.bestConfirmed = false
        case .worse, .noDifference: break
        }
        return row
    }
}
