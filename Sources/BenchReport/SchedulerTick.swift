import BenchModel

/// Whether a search tail sits at the scheduler tick, and the sentence that
/// says so. On a kernel without full preemption a thread that finds its core
/// busy waits until the running thread is preempted, which happens on a
/// timer tick (1 / CONFIG_HZ): with more runnable threads than cores, the
/// slowest percent of searches then take about one tick whatever the index
/// does. A reader must not take that tail for the index's cost.
struct SchedulerTick {
    /// CONFIG_HZ when the document does not record the kernel's: the most
    /// common distribution default (Debian, Ubuntu, Fedora server kernels).
    static let assumedHz = 250

    /// The kernel's tick rate, and whether it was recorded or assumed.
    let hz: Int
    let assumed: Bool

    init(hz: Int?) {
        self.hz = hz.flatMap { $0 > 0 ? $0 : nil } ?? Self.assumedHz
        assumed = hz.flatMap { $0 > 0 ? $0 : nil } == nil
    }

    /// One tick in microseconds.
    var microseconds: Double { 1_000_000 / Double(hz) }

    /// A p99 within a factor of two of one tick, and far above the median
    /// (≥ 10×), looks like waiting for a tick rather than searching longer.
    func explains(p50: Double, p99: Double) -> Bool {
        p50 > 0 && p99 >= 10 * p50 && p99 >= microseconds / 2 && p99 <= microseconds * 2
    }

    /// "4 ms at CONFIG_HZ=250 (assumed: …)".
    var description: String {
        let tick = NumberFormatting.latencyTick(microseconds)
        return assumed
            ? "\(tick) at CONFIG_HZ=\(hz) (assumed: the result document does not record the kernel's tick rate; "
                + "it is 1 ms at HZ=1000 and 10 ms at HZ=100)"
            : "\(tick) (CONFIG_HZ=\(hz), read from the coarse clock's resolution when the run started)"
    }

    /// The note for `subjects` (configuration / phase with their search p50
    /// and p99, µs) whose tail sits at the tick; nil when none does.
    func note(_ subjects: [(name: String, p50: Double, p99: Double)], cores: Int) -> String? {
        let near = subjects.filter { explains(p50: $0.p50, p99: $0.p99) }
        guard !near.isEmpty else { return nil }
        let ratios = near.map { $0.p99 / $0.p50 }
        let listed = near.prefix(4).map { "\($0.name) (p99 \(NumberFormatting.latency(microseconds: $0.p99)))" }
            .joined(separator: ", ") + (near.count > 4 ? " and \(near.count - 4) more" : "")
        var text = "Search p99 sits near one scheduler tick, \(description), at "
        text += "\(NumberFormatting.fixed(ratios.min() ?? 0, 0))–\(NumberFormatting.fixed(ratios.max() ?? 0, 0))× p50: \(listed). "
        text += "With more runnable threads than the machine's \(cores) core\(cores == 1 ? "" : "s"), a search that finds its core busy "
        text += "waits for the running thread to be preempted at the next tick, so this tail measures the scheduler more than "
        text += "the index. Compare configurations on p50/p90 or on the deterministic costs, or give the run fewer threads than cores."
        return text
    }

    /// The note for a run document's measured phases, with the tick the run
    /// recorded (assumed when it recorded none); nil when no search tail
    /// sits at it. Every report format prints the same sentence.
    static func note(_ result: RunResult, _ measurements: MeasurementSet) -> String? {
        let subjects = measurements.subjects.compactMap { subject -> (name: String, p50: Double, p99: Double)? in
            guard let p50 = measurements.value(subject, MetricCatalog.latency(.search, .p50))?.number,
                  let p99 = measurements.value(subject, MetricCatalog.latency(.search, .p99))?.number else { return nil }
            return ("\(subject.configuration) / \(subject.phase)", p50, p99)
        }
        let hz = result.context.schedulerTickMicroseconds.map { Int((1_000_000 / $0).rounded()) }
        return SchedulerTick(hz: hz).note(subjects, cores: result.context.cores)
    }
}
