import Foundation

/// What `vecbench check` calls a regression, per metric. A thresholds file
/// is JSON (Foundation reads it; BenchReport imports nothing else):
///
/// ```json
/// {
///   "minimumRepetitions": 3,
///   "replaceDefaults": false,
///   "rules": [
///     { "metric": "*.p99", "relative": 15, "absolute": 50 },
///     { "metric": "recall", "range": [0.95, 1.0] },
///     { "metric": "throughput", "relative": 5, "configuration": "workers-*", "phase": "burst" },
///     { "metric": "dtlb-misses", "ignore": true }
///   ]
/// }
/// ```
///
/// - `metric`: a metric id (`search.p99`, `throughput`, `recall`,
///   `distance-evaluations`, `dtlb-misses`, … — see `MetricCatalog`) or a
///   glob with `*` (`*.p99` is every p99: search, upsert, delete, and also
///   `fsync.p99`, `seal.p99`, `seal-wait.p99`, which are in milliseconds).
/// - `configuration`, `phase`: optional globs; a rule without them applies
///   to every configuration and phase.
/// - `relative`: percent of the baseline; `absolute`: in the metric's own
///   unit (µs for latency, ops/s, recall as a fraction 0…1, misses per
///   operation). With both, a change must exceed **both** to count — the
///   absolute one is a noise floor (10 % of 30 µs is not a regression).
///   A change beyond them in the bad direction is a regression, in the good
///   direction an improvement.
/// - `range`: `[min, max]` the current value must lie in, whatever the
///   baseline says (a recall floor).
/// - `ignore`: not checked.
///
/// Rules are read in order after the defaults (unless `replaceDefaults`),
/// and the **last** rule matching a figure decides it. Metrics no rule
/// matches are not checked. Unknown keys and metric ids are errors, so a
/// typo cannot silently disable a gate.
public struct CheckThresholds: Sendable, Equatable {
    public struct Rule: Sendable, Equatable, Codable {
        public var metric: String
        public var configuration: String?
        public var phase: String?
        public var relative: Double?
        public var absolute: Double?
        public var range: [Double]?
        public var ignore: Bool?

        public init(metric: String, configuration: String? = nil, phase: String? = nil, relative: Double? = nil,
                    absolute: Double? = nil, range: [Double]? = nil, ignore: Bool? = nil) {
            self.metric = metric
            self.configuration = configuration
            self.phase = phase
            self.relative = relative
            self.absolute = absolute
            self.range = range
            self.ignore = ignore
        }

        func matches(_ subject: MeasurementSet.Subject, _ metricID: String) -> Bool {
            Glob.matches(metric, metricID) && (configuration.map { Glob.matches($0, subject.configuration) } ?? true)
                && (phase.map { Glob.matches($0, subject.phase) } ?? true)
        }

        /// "+15 % and +50 µs", "in [0.95, 1]" — for messages.
        func describe(_ definition: MetricDefinition) -> String {
            var parts: [String] = []
            if let relative { parts.append("±\(NumberFormatting.significant(relative)) %") }
            if let absolute { parts.append("±" + definition.format(absolute)) }
            var text = parts.joined(separator: " and ")
            if let range, range.count == 2 {
                let bounds = "in [\(definition.format(range[0])), \(definition.format(range[1]))]"
                text = text.isEmpty ? bounds : "\(text); \(bounds)"
            }
            return text
        }
    }

    public var minimumRepetitions: Int
    public var rules: [Rule]

    public init(minimumRepetitions: Int = 3, rules: [Rule]) {
        self.minimumRepetitions = minimumRepetitions
        self.rules = rules
    }

    /// Latency percentiles (p50/p90 ±10 % and ±20 µs, p99 ±15 % and ±50 µs,
    /// p99.9 ±25 % and ±100 µs), throughput ±5 %, recall ±0.005, distance
    /// evaluations per query ±2 %, dTLB and LLC misses and CPU time per
    /// operation ±10 %.
    /// Latency rules name the operation kinds, so they do not catch
    /// `fsync.p99` or `seal.p99` (milliseconds, and not gated by default).
    public static let defaultRules: [Rule] = MetricCatalog.operationKinds.flatMap { kind in
        [
            Rule(metric: MetricCatalog.latency(kind, .p50).id, relative: 10, absolute: 20),
            Rule(metric: MetricCatalog.latency(kind, .p90).id, relative: 10, absolute: 20),
            Rule(metric: MetricCatalog.latency(kind, .p99).id, relative: 15, absolute: 50),
            Rule(metric: MetricCatalog.latency(kind, .p999).id, relative: 25, absolute: 100),
        ]
    } + [
        Rule(metric: MetricCatalog.throughput.id, relative: 5), Rule(metric: MetricCatalog.recall.id, absolute: 0.005),
        Rule(metric: MetricCatalog.distanceEvaluations.id, relative: 2), Rule(metric: MetricCatalog.dTLBMisses.id, relative: 10),
        Rule(metric: MetricCatalog.llcMisses.id, relative: 10), Rule(metric: MetricCatalog.cpuTime.id, relative: 10),
    ]

    public static let defaults = CheckThresholds(minimumRepetitions: 3, rules: defaultRules)

    /// The rule that decides `metricID` of `subject`: the last that matches.
    public func rule(for subject: MeasurementSet.Subject, _ metricID: String) -> Rule? {
        rules.last { $0.matches(subject, metricID) }
    }

    /// Reads a thresholds file's bytes; `source` names it in errors, which
    /// also name the field (`rules[2].relative`).
    public static func parse(_ data: Data, source: String) throws -> CheckThresholds {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReportError.invalidThresholds(source: source, detail: "not JSON: \(error.localizedDescription)")
        }
        guard let top = object as? [String: Any] else {
            throw ReportError.invalidThresholds(source: source, detail: "the top level must be an object")
        }
        func fail(_ detail: String) -> ReportError { .invalidThresholds(source: source, detail: detail) }
        let topKeys: Set<String> = ["minimumRepetitions", "replaceDefaults", "rules"]
        if let unknown = top.keys.sorted().first(where: { !topKeys.contains($0) }) {
            throw fail("unknown key '\(unknown)' (known: \(topKeys.sorted().joined(separator: ", ")))")
        }
        var minimum = 3
        if let value = top["minimumRepetitions"] {
            guard let number = value as? Int, number >= 1 else { throw fail("minimumRepetitions must be a whole number ≥ 1") }
            minimum = number
        }
        var replace = false
        if let value = top["replaceDefaults"] {
            guard let flag = value as? Bool else { throw fail("replaceDefaults must be true or false") }
            replace = flag
        }
        var rules: [Rule] = []
        if let value = top["rules"] {
            guard let list = value as? [Any] else { throw fail("rules must be a list") }
            for (index, item) in list.enumerated() { rules.append(try parseRule(item, at: "rules[\(index)]", fail: fail)) }
        }
        return CheckThresholds(minimumRepetitions: minimum, rules: (replace ? [] : defaultRules) + rules)
    }

    private static func parseRule(_ item: Any, at path: String, fail: (String) -> ReportError) throws -> Rule {
        guard let fields = item as? [String: Any] else { throw fail("\(path) must be an object") }
        let known: Set<String> = ["metric", "configuration", "phase", "relative", "absolute", "range", "ignore"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("\(path): unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        guard let metric = fields["metric"] as? String, !metric.isEmpty else { throw fail("\(path).metric: a metric id or glob is required") }
        if !metric.contains("*"), !MetricCatalog.isKnown(metric) {
            throw fail("\(path).metric: unknown metric '\(metric)' (known: \(MetricCatalog.knownIDs.joined(separator: ", ")))")
        }
        func text(_ key: String) throws -> String? {
            guard let value = fields[key] else { return nil }
            guard let string = value as? String else { throw fail("\(path).\(key) must be a string") }
            return string
        }
        func number(_ key: String) throws -> Double? {
            guard let value = fields[key] else { return nil }
            guard let number = value as? NSNumber, !(value is Bool), number.doubleValue >= 0, number.doubleValue.isFinite else {
                throw fail("\(path).\(key) must be a number ≥ 0")
            }
            return number.doubleValue
        }
        var rule = Rule(metric: metric, configuration: try text("configuration"), phase: try text("phase"),
                        relative: try number("relative"), absolute: try number("absolute"))
        if let value = fields["range"] {
            guard let pair = value as? [NSNumber], pair.count == 2, pair[0].doubleValue <= pair[1].doubleValue else {
                throw fail("\(path).range must be [min, max] with min ≤ max")
            }
            rule.range = pair.map(\.doubleValue)
        }
        if let value = fields["ignore"] {
            guard let flag = value as? Bool else { throw fail("\(path).ignore must be true or false") }
            rule.ignore = flag
        }
        if rule.relative == nil, rule.absolute == nil, rule.range == nil, rule.ignore == nil {
            throw fail("\(path): give relative, absolute, range or ignore")
        }
        return rule
    }
}

/// `*` matches any run of characters (including none); nothing else is special.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return pattern == text }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(parts.last ?? "")
    }
}
