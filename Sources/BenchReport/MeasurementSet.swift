import BenchModel

/// Every figure of one result document, keyed by configuration, phase and
/// metric, with repetitions of a configuration gathered into samples. The
/// common ground of `compare` and `check`: both read medians from here.
public struct MeasurementSet: Sendable {
    /// Where a figure was measured: a configuration's measured phase (for an
    /// ANN result: the build, and one `ef` of the sweep).
    public struct Subject: Sendable, Hashable, CustomStringConvertible {
        public var configuration: String
        public var phase: String

        public init(configuration: String, phase: String) {
            self.configuration = configuration
            self.phase = phase
        }

        public var description: String { "\(configuration) / \(phase)" }
    }

    public struct Entry: Sendable {
        public var subject: Subject
        public var metric: MetricDefinition
        /// One value per repetition that measured it.
        public var samples: [Double]
        /// Why repetitions measured nothing (the first reason seen).
        public var unavailable: String?
        /// For a latency percentile: the operations each repetition's
        /// histogram held (empty when the document does not say, as in an
        /// ANN result).
        public var sampleCounts: [Int] = []
        /// For a latency percentile: each repetition's 95 % order-statistics
        /// interval `[low, high]` (`[low]` when unbounded above; nil when
        /// the document recorded none), in repetition order.
        public var percentileIntervals: [[Double]?] = []

        /// The median of the samples, or why there is none.
        public var value: MetricValue {
            if let median = Statistics.median(samples) { return .value(median) }
            return .unavailable(unavailable ?? "not measured")
        }
    }

    /// In document order: configurations as first seen, then phases, then metrics.
    public private(set) var entries: [Entry] = []
    /// Configuration labels (`ConfigurationResult.label`: the name, with the
    /// sweep value when there is one) in document order: the key records
    /// are matched by across documents.
    public private(set) var configurations: [String] = []
    /// Completed repetitions per configuration.
    public private(set) var repetitions: [String: Int] = [:]
    /// Configurations with a failed repetition, and the first reason.
    public private(set) var failures: [String: String] = [:]
    private var index: [Key: Int] = [:]

    private struct Key: Hashable {
        var subject: Subject
        var metric: String
    }

    public init() {}

    /// Records are keyed by `ConfigurationResult.label` (name and sweep
    /// value), so the values of a sweep stay apart instead of reading as
    /// repetitions of one configuration.
    public init(run: RunResult) {
        for configuration in run.configurations {
            noteConfiguration(configuration.label)
            if case .failed(let reason) = configuration.status {
                failures[configuration.label] = failures[configuration.label] ?? reason
                continue
            }
            repetitions[configuration.label, default: 0] += 1
            for phase in configuration.phases where !phase.warmup {
                let subject = Subject(configuration: configuration.label, phase: phase.name)
                for (metric, value) in MetricCatalog.values(of: phase) { add(subject, metric, value) }
                for operation in phase.operations where operation.count > 0 {
                    for percentile in LatencyPercentile.allCases {
                        let key = Key(subject: subject, metric: MetricCatalog.latency(operation.kind, percentile).id)
                        guard let position = index[key] else { continue }
                        entries[position].sampleCounts.append(operation.latency.count)
                        entries[position].percentileIntervals.append(percentile.interval(operation.latency))
                    }
                }
            }
        }
    }

    public init(ann: AnnResult) {
        let name = Self.annConfigurationName(ann)
        noteConfiguration(name)
        repetitions[name] = ann.repeat
        for run in ann.runs {
            let subject = Subject(configuration: name, phase: "ef=\(run.ef)")
            // QPS carries every timed pass, so its median is over repetitions
            // like a run document's; the other figures come from one pass.
            let samples = run.qpsSamples.isEmpty ? [run.qps] : run.qpsSamples
            for sample in samples { add(subject, MetricCatalog.throughput, .value(sample)) }
            add(subject, MetricCatalog.latency(.search, .p50), .value(run.p50LatencyMicroseconds))
            add(subject, MetricCatalog.latency(.search, .p99), .value(run.p99LatencyMicroseconds))
            add(subject, MetricCatalog.latency(.search, .max), .value(run.maxLatencyMicroseconds))
            add(subject, MetricCatalog.recall, .value(run.recall))
            add(subject, MetricCatalog.distanceEvaluations, .value(run.meanDistanceEvaluations))
            add(subject, MetricCatalog.pages4K, .value(run.meanPagesTouched4K))
            add(subject, MetricCatalog.pages2M, .value(run.meanPagesTouched2M))
        }
    }

    /// "hnsw m=16 efc=100 mmap/random": an ANN result has one configuration.
    public static func annConfigurationName(_ ann: AnnResult) -> String {
        let build = ann.build
        return "hnsw m=\(build.m) efc=\(build.efConstruction) \(build.storage)" + (build.advice.map { "/\($0)" } ?? "")
    }

    public func entry(_ subject: Subject, _ metricID: String) -> Entry? {
        index[Key(subject: subject, metric: metricID)].map { entries[$0] }
    }

    public func value(_ subject: Subject, _ metricID: String) -> MetricValue? { entry(subject, metricID)?.value }

    public func entry(_ subject: Subject, _ metric: MetricDefinition) -> Entry? { entry(subject, metric.id) }

    public func value(_ subject: Subject, _ metric: MetricDefinition) -> MetricValue? { entry(subject, metric.id)?.value }

    /// Measured phases of a configuration, in document order.
    public func phases(of configuration: String) -> [String] {
        var seen: [String] = []
        for entry in entries where entry.subject.configuration == configuration && !seen.contains(entry.subject.phase) {
            seen.append(entry.subject.phase)
        }
        return seen
    }

    /// Subjects in document order.
    public var subjects: [Subject] {
        var seen: Set<Subject> = [], out: [Subject] = []
        for entry in entries where seen.insert(entry.subject).inserted { out.append(entry.subject) }
        return out
    }

    /// Entries of one subject, in catalog order.
    public func entries(of subject: Subject) -> [Entry] { entries.filter { $0.subject == subject } }

    private mutating func noteConfiguration(_ name: String) {
        if !configurations.contains(name) { configurations.append(name) }
    }

    private mutating func add(_ subject: Subject, _ metric: MetricDefinition, _ value: MetricValue) {
        let key = Key(subject: subject, metric: metric.id)
        let position: Int
        if let existing = index[key] {
            position = existing
        } else {
            position = entries.count
            index[key] = position
            entries.append(Entry(subject: subject, metric: metric, samples: [], unavailable: nil))
        }
        switch value {
        case .value(let number): entries[position].samples.append(number)
        case .unavailable(let reason): entries[position].unavailable = entries[position].unavailable ?? reason
        }
    }
}
