import Foundation

/// Thresholds derived from the run-to-run spread of one build on one
/// machine: `vecbench calibrate` runs a workload N times, and this turns the
/// repetitions into a thresholds file `check` reads as is.
///
/// For every configuration, phase and metric measured in at least two
/// repetitions, the relative spread is (max − min) / median over the
/// repetitions (`Method.range`), or the widest gap between back-to-back
/// runs (`Method.pairs`, what an interleaved `ab` sees). The rule's tolerance is that spread times `margin`, and at
/// least `statisticalFloor` % (latency, throughput, RSS, measured counters)
/// or `deterministicFloor` % (distance evaluations, pages, recall,
/// modelled and instruction counts — see `MetricClass`). The range of a few
/// runs underestimates the spread of many, hence the margin; the floors keep
/// a perfectly steady calibration from gating at 0 %.
///
/// The file replaces the defaults (`replaceDefaults: true`), so a figure
/// the calibration did not see is not gated rather than gated on a guess.
public enum ThresholdCalibration {
    public static let margin = 1.5
    public static let statisticalFloor = 5.0
    public static let deterministicFloor = 0.5

    /// How the spread of a figure is read from the calibration's runs.
    public enum Method: String, Sendable, CaseIterable {
        /// (max − min) / median over all runs: what two independent sets of
        /// runs, taken minutes apart, can differ by. For `check` of
        /// documents that were not run interleaved.
        case range
        /// The largest |run₂ₖ / run₂ₖ₋₁ − 1| over consecutive runs taken as
        /// pairs (1 with 2, 3 with 4, …): what two back-to-back runs of one
        /// build differ by, which is what `ab` compares. Drift over the
        /// calibration's minutes does not count, as it does not in a pair.
        case pairs
    }

    public struct Tolerance: Sendable, Equatable {
        public var subject: MeasurementSet.Subject
        public var metricID: String
        public var metricClass: MetricClass
        public var runs: Int
        /// (max − min) / median, a fraction.
        public var spread: Double
        /// Percent.
        public var relative: Double
    }

    /// One tolerance per figure with two or more numeric repetitions and a
    /// non-zero median, in document order, deterministic figures first.
    /// With `.pairs`, figures need four runs (two pairs); a pair whose
    /// first run reads 0 is left out.
    public static func tolerances(_ measurements: MeasurementSet, method: Method = .range) -> [Tolerance] {
        var out: [Tolerance] = []
        for entry in measurements.entries where entry.samples.count >= (method == .pairs ? 4 : 2) {
            guard let median = Statistics.median(entry.samples), median != 0,
                  let low = entry.samples.min(), let high = entry.samples.max() else { continue }
            let spread: Double
            switch method {
            case .range:
                spread = (high - low) / abs(median)
            case .pairs:
                let pairs = stride(from: 0, to: entry.samples.count - 1, by: 2).compactMap { index -> Double? in
                    let first = entry.samples[index], second = entry.samples[index + 1]
                    return first != 0 ? abs(second / first - 1) : nil
                }
                guard let widest = pairs.max() else { continue }
                spread = widest
            }
            let metricClass = MetricClass.of(entry.metric.id)
            let floor = metricClass == .deterministic ? deterministicFloor : statisticalFloor
            // Half-percent steps, so a file reads as chosen, not as noise.
            let relative = Swift.max(floor, ((spread * margin * 100) * 2).rounded(.up) / 2)
            out.append(Tolerance(subject: entry.subject, metricID: entry.metric.id, metricClass: metricClass,
                                 runs: entry.samples.count, spread: spread, relative: relative))
        }
        return out.filter { $0.metricClass == .deterministic } + out.filter { $0.metricClass != .deterministic }
    }

    /// The thresholds a set of tolerances stands for, as `check` uses them.
    public static func thresholds(_ tolerances: [Tolerance], minimumRepetitions: Int = 3) -> CheckThresholds {
        CheckThresholds(minimumRepetitions: minimumRepetitions, rules: tolerances.map(rule))
    }

    /// A rule naming its configuration and phase exactly (a name holding
    /// `*` would act as a glob and can only match more).
    static func rule(_ tolerance: Tolerance) -> CheckThresholds.Rule {
        CheckThresholds.Rule(metric: tolerance.metricID, configuration: tolerance.subject.configuration,
                             phase: tolerance.subject.phase, relative: tolerance.relative)
    }

    /// The thresholds file: JSON with sorted keys, one rule per line, which
    /// `CheckThresholds.parse` reads back to the same rules.
    public static func file(_ tolerances: [Tolerance], minimumRepetitions: Int = 3) -> String {
        var lines: [String] = []
        for tolerance in tolerances {
            let rule = rule(tolerance)
            var fields = ["\"metric\": \(quoted(rule.metric))"]
            if let configuration = rule.configuration { fields.append("\"configuration\": \(quoted(configuration))") }
            if let phase = rule.phase { fields.append("\"phase\": \(quoted(phase))") }
            fields.append("\"relative\": \(NumberFormatting.fixed(tolerance.relative, 1))")
            lines.append("    {" + fields.joined(separator: ", ") + "}")
        }
        return "{\n  \"minimumRepetitions\": \(minimumRepetitions),\n  \"replaceDefaults\": true,\n  \"rules\": [\n"
            + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  ]\n}\n"
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
