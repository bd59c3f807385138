/// Every counter of a set over one interval: the difference of two
/// snapshots, scaled per counter. What a phase of a result document embeds.
public struct CounterDelta: Codable, Sendable, Equatable {
    /// Wall time between the two snapshots.
    public var intervalNanos: UInt64
    public var values: [CounterValue]

    public init(intervalNanos: UInt64, values: [CounterValue]) {
        self.intervalNanos = intervalNanos
        self.values = values
    }

    public subscript(name: String) -> CounterValue? {
        values.first { $0.name == name }
    }

    /// The interval between two snapshots of the same set. Scaling uses the
    /// enabled/running times *of the interval*, so a phase that was fully
    /// scheduled reads as counted even if earlier phases were multiplexed.
    public static func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta {
        let interval = end.monotonicNanos >= start.monotonicNanos ? end.monotonicNanos - start.monotonicNanos : 0
        // Snapshots of one set list the same counters in the same order, so
        // they pair by position (an event requested twice stays two events);
        // by name only when the lists differ.
        let paired = start.samples.count == end.samples.count
            && zip(start.samples, end.samples).allSatisfy { $0.name == $1.name }
        let values = end.samples.enumerated().map { index, last -> CounterValue in
            if let failure = last.failure {
                return .failed(name: last.name, status: failure, encoding: last.encoding)
            }
            let first = paired ? start.samples[index] : start.samples.first { $0.name == last.name && $0.group == last.group }
            guard let lastRaw = last.raw, let firstRaw = first?.raw
            else {
                return .failed(
                    name: last.name,
                    status: .notCounted(reason: "the counter is missing from the starting snapshot"),
                    encoding: last.encoding)
            }
            guard lastRaw.value >= firstRaw.value, lastRaw.enabledNanos >= firstRaw.enabledNanos,
                lastRaw.runningNanos >= firstRaw.runningNanos
            else {
                return .failed(
                    name: last.name,
                    status: .notCounted(reason: "the counter went backwards between snapshots (reset or reopened)"),
                    encoding: last.encoding)
            }
            return .evaluating(
                name: last.name, raw: lastRaw.value - firstRaw.value,
                enabledNanos: lastRaw.enabledNanos - firstRaw.enabledNanos,
                runningNanos: lastRaw.runningNanos - firstRaw.runningNanos, group: last.group,
                encoding: last.encoding)
        }
        return CounterDelta(intervalNanos: interval, values: values)
    }

    /// Sums readings of the same events taken in different processes (tenants
    /// placed in worker processes) over the same phase. Like perf's
    /// aggregation, raw counts and times are summed and scaled once; a
    /// counter none of the readings could open keeps the first one's status.
    public static func sum(_ readings: [CounterDelta]) -> CounterDelta {
        guard let first = readings.first else { return CounterDelta(intervalNanos: 0, values: []) }
        var names: [String] = []
        for reading in readings {
            for value in reading.values where !names.contains(value.name) { names.append(value.name) }
        }
        let values = names.map { name -> CounterValue in
            let parts = readings.compactMap { $0[name] }
            let opened = parts.filter { $0.rawValue != nil }
            guard let sample = opened.first else { return parts[0] }
            let raw = opened.reduce(UInt64(0)) { $0 &+ ($1.rawValue ?? 0) }
            let enabled = opened.reduce(UInt64(0)) { $0 &+ $1.enabledNanos }
            let running = opened.reduce(UInt64(0)) { $0 &+ $1.runningNanos }
            return .evaluating(
                name: name, raw: raw, enabledNanos: enabled, runningNanos: running,
                group: sample.group, encoding: sample.encoding)
        }
        let interval = readings.map(\.intervalNanos).max() ?? first.intervalNanos
        return CounterDelta(intervalNanos: interval, values: values)
    }
}
