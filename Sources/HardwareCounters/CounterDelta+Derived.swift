extension CounterDelta {
    /// Derived values for every counter: per operation (when `operations` is
    /// given and non-zero), per second, and — for miss events — misses per
    /// thousand instructions when instructions were counted.
    public func derived(operations: UInt64? = nil) -> [DerivedMetric] {
        var metrics: [DerivedMetric] = []
        let instructions = self["instructions"]
        for counter in values {
            if let operations {
                metrics.append(ratio(counter, kind: .perOperation, over: operations == 0 ? nil : Double(operations),
                                     missing: "no operations in this interval", scale: 1))
            }
            let seconds = intervalNanos == 0 ? nil : Double(intervalNanos) / 1e9
            metrics.append(ratio(counter, kind: .perSecond, over: seconds, missing: "empty interval", scale: 1))
            guard counter.name.lowercased().contains("miss") else { continue }
            guard let instructions else {
                metrics.append(DerivedMetric(
                    counter: counter.name, kind: .perThousandInstructions, value: nil,
                    reason: "instructions were not in the counter set"))
                continue
            }
            guard let count = instructions.value, count > 0 else {
                metrics.append(DerivedMetric(
                    counter: counter.name, kind: .perThousandInstructions, value: nil,
                    reason: "instructions not counted: \(instructions.status.reason ?? instructions.status.label)"))
                continue
            }
            var metric = ratio(counter, kind: .perThousandInstructions, over: count, missing: "", scale: 1000)
            metric.isEstimate = metric.isEstimate || instructions.status != .counted
            metrics.append(metric)
        }
        return metrics
    }

    /// The metric `counter` × scale / denominator, or why it has no value.
    private func ratio(
        _ counter: CounterValue, kind: DerivedMetric.Kind, over denominator: Double?, missing: String,
        scale: Double
    ) -> DerivedMetric {
        guard let value = counter.value else {
            return DerivedMetric(
                counter: counter.name, kind: kind, value: nil,
                reason: "\(counter.name) has no value: \(counter.status.reason ?? counter.status.label)")
        }
        guard let denominator else {
            return DerivedMetric(counter: counter.name, kind: kind, value: nil, reason: missing)
        }
        var metric = DerivedMetric(counter: counter.name, kind: kind, value: value * scale / denominator, reason: nil)
        metric.isEstimate = counter.status != .counted
        return metric
    }
}
