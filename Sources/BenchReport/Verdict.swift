import BenchModel
import Foundation

/// Who won, by how much, how sure, and why: the section every run report
/// opens with, and what `compare` judges by.
///
/// For each headline figure (`headlines`) of each measured phase, a
/// candidate configuration is judged against a reference by `VerdictRule`;
/// a figure that moved is explained by the deterministic costs that moved
/// with it (`explanations`) — distance evaluations, pages, fsyncs, modelled
/// misses — since those repeat exactly for a seed and so say what work
/// changed, where timing alone cannot.
public struct Verdict: Sendable {
    /// A deterministic cost that moved between the two sides.
    public struct CostShift: Sendable, Equatable {
        public var metric: MetricDefinition
        public var reference: Double
        public var candidate: Double

        /// candidate ÷ reference; nil when the reference is 0.
        public var ratio: Double? { reference != 0 ? candidate / reference : nil }
    }

    public struct Finding: Sendable {
        public var phase: String
        public var metric: MetricDefinition
        public var reference: String
        public var candidate: String
        public var referenceValue: Double
        public var candidateValue: Double
        public var judgement: VerdictRule.Judgement
        /// Deterministic costs that moved, largest move first; empty when
        /// none moved (or the figure did not differ).
        public var why: [CostShift]

        /// The better side's label, nil when the rule names none.
        public var winner: String? {
            switch judgement.outcome {
            case .better: candidate
            case .worse: reference
            case .noDifference, .unconfirmed: nil
            }
        }
    }

    /// One side of a comparison: a configuration of a document.
    public struct Side: Sendable {
        public var label: String
        public var set: MeasurementSet
        public var configuration: String

        public init(label: String, set: MeasurementSet, configuration: String) {
            self.label = label
            self.set = set
            self.configuration = configuration
        }
    }

    /// The figures a verdict judges, in the order it lists them.
    public static let headlines: [MetricDefinition] = [
        MetricCatalog.latency(.search, .p99), MetricCatalog.throughput, MetricCatalog.recall,
        MetricCatalog.latency(.upsert, .p99), MetricCatalog.rss, MetricCatalog.fsyncRate,
    ]

    /// The reference every finding is against; nil with nothing to compare.
    public var reference: String?
    public var findings: [Finding]
    /// Why a verdict is missing or partial, in words.
    public var notes: [String]
    /// What the reference is, for the heading: "the first configuration",
    /// "the first document".
    public var referenceRole: String

    public init(reference: String?, findings: [Finding], notes: [String], referenceRole: String = "the first configuration") {
        self.reference = reference
        self.findings = findings
        self.notes = notes
        self.referenceRole = referenceRole
    }

    /// Every completed configuration of `run` against the first one.
    public init(run: RunResult) {
        let set = MeasurementSet(run: run)
        let completed = set.configurations.filter { !set.phases(of: $0).isEmpty }
        guard let first = completed.first else {
            self.init(reference: nil, findings: [], notes: ["no configuration completed: nothing to judge"])
            return
        }
        guard completed.count > 1 else {
            self.init(reference: first, findings: [],
                      notes: ["one configuration (\(first)): nothing to compare it with; its figures follow"])
            return
        }
        let reference = Side(label: first, set: set, configuration: first)
        let findings = completed.dropFirst().flatMap {
            Self.findings(reference: reference, candidate: Side(label: $0, set: set, configuration: $0))
        }
        self.init(reference: first, findings: findings, notes: [])
    }

    /// The headline figures of every phase both sides measured.
    public static func findings(reference: Side, candidate: Side, metrics: [MetricDefinition] = headlines) -> [Finding] {
        var out: [Finding] = []
        let referencePhases = reference.set.phases(of: reference.configuration)
        for phase in candidate.set.phases(of: candidate.configuration) where referencePhases.contains(phase) {
            let before = MeasurementSet.Subject(configuration: reference.configuration, phase: phase)
            let now = MeasurementSet.Subject(configuration: candidate.configuration, phase: phase)
            for metric in metrics {
                guard let finding = finding(metric, phase: phase, reference: reference, before, candidate: candidate, now)
                else { continue }
                out.append(finding)
            }
        }
        return out
    }

    static func finding(_ metric: MetricDefinition, phase: String, reference: Side, _ before: MeasurementSet.Subject,
                        candidate: Side, _ now: MeasurementSet.Subject) -> Finding? {
        guard let old = reference.set.entry(before, metric), let new = candidate.set.entry(now, metric),
              let oldValue = old.value.number, let newValue = new.value.number,
              let judgement = VerdictRule.judge(metric, reference: .init(old), candidate: .init(new))
        else { return nil }
        let why = judgement.outcome == .noDifference
            ? [] : Array(costShifts(for: metric, reference: reference.set, before, candidate: candidate.set, now).prefix(2))
        return Finding(phase: phase, metric: metric, reference: reference.label, candidate: candidate.label,
                       referenceValue: oldValue, candidateValue: newValue, judgement: judgement, why: why)
    }

    /// The deterministic costs that may explain a move in `metric`: the
    /// work a search does for latency and recall, the WAL's work for
    /// writes and fsyncs, both for throughput; none for RSS, which no
    /// per-operation count explains.
    static func explanations(for metric: MetricDefinition) -> [String] {
        let search = [MetricCatalog.distanceEvaluations, MetricCatalog.pages4K, MetricCatalog.pages2M, MetricCatalog.segmentsPerQuery]
            .map(\.id)
        let wal = [MetricCatalog.fsyncsPerWrite.id, MetricCatalog.walBytesPerWrite.id]
        switch metric.id {
        case MetricCatalog.recall.id, MetricCatalog.recallMinimum.id: return search
        case MetricCatalog.fsyncRate.id, MetricCatalog.fsyncP99.id: return wal
        case MetricCatalog.throughput.id: return search + wal + modelledExplanations
        case MetricCatalog.rss.id: return []
        default:
            if metric.id.hasPrefix("\(OperationKind.search).") { return search + modelledExplanations }
            if metric.id.hasPrefix("\(OperationKind.upsert).") || metric.id.hasPrefix("\(OperationKind.delete).") { return wal }
            return []
        }
    }

    /// Modelled misses, as id suffixes: a phase's models name their ids
    /// (`modelled.page-walks`, or `modelled.<model>.page-walks`).
    static let modelledExplanations = [MetricCatalog.ModelledFigure.pageWalks, .llcMisses, .l1dTLBMisses, .l1dMisses]
        .map { ".\($0.rawValue)" }

    /// The explaining costs that moved by at least `VerdictRule.negligibleChange`,
    /// largest relative move first.
    static func costShifts(for metric: MetricDefinition, reference: MeasurementSet, _ before: MeasurementSet.Subject,
                           candidate: MeasurementSet, _ now: MeasurementSet.Subject) -> [CostShift] {
        let wanted = explanations(for: metric)
        guard !wanted.isEmpty else { return [] }
        var shifts: [CostShift] = []
        for entry in reference.entries(of: before) {
            let id = entry.metric.id
            let modelled = id.hasPrefix("modelled.") && wanted.contains { $0.hasPrefix(".") && id.hasSuffix($0) }
            guard wanted.contains(id) || modelled, MetricClass.of(id) == .deterministic,
                  let old = entry.value.number, let new = candidate.value(now, id)?.number else { continue }
            let shift = CostShift(metric: entry.metric, reference: old, candidate: new)
            if let ratio = shift.ratio, abs(ratio - 1) < VerdictRule.negligibleChange { continue }
            if shift.ratio == nil, new == 0 { continue }
            shifts.append(shift)
        }
        return shifts.sorted { magnitude($0) > magnitude($1) }
    }

    /// How far a shift moved, symmetric in direction: |log ratio|.
    static func magnitude(_ shift: CostShift) -> Double {
        guard let ratio = shift.ratio, ratio > 0 else { return .infinity }
        return abs(log(ratio))
    }
}
