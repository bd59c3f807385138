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
    }

    public struct Row: Sendable {
        public var phase: String
        public var metric: MetricDefinition
        public var cells: [Cell]
        /// Index of the best column, nil when the metric has no direction,
        /// fewer than two sides have it, or all are equal.
        public var best: Int?
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
        for (index, set) in sets.enumerated() {
            for (name, reason) in set.failures.sorted(by: { $0.key < $1.key }) {
                warnings.append("\(documentLabels[index]): \(name) failed: \(reason)")
            }
        }
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
        var best: Int?
        let numbers = cells.enumerated().compactMap { index, cell in cell.value?.number.map { (index, $0) } }
        if metric.direction != .neutral, numbers.count > 1, Set(numbers.map(\.1)).count > 1 {
            let pick = metric.direction == .lowerIsBetter ? numbers.min { $0.1 < $1.1 } : numbers.max { $0.1 < $1.1 }
            best = pick?.0
        }
        return Row(phase: phase, metric: metric, cells: cells, best: best)
    }
}
