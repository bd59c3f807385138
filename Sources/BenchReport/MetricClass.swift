/// The two kinds of figure `check` gates differently.
///
/// - **Deterministic** costs repeat exactly for a seed and a build: distance
///   evaluations, visited nodes, pages touched, segments searched, WAL
///   bytes per operation, recall over a fixed graph, modelled misses
///   (`modelled.*`), instructions under callgrind (`instructions*`).
///   A change in them is a change in the code's work, so they are gated on
///   the medians exactly (the rule's tolerance only) and listed first.
/// - **Statistical** figures move from run to run with the machine: latency
///   percentiles, throughput and rates, RSS, measured hardware counters,
///   CPU time per operation, fsync and seal timings, and fsyncs per
///   operation (group commit shares one fsync among the writes that arrive
///   while the previous one runs, so the count depends on timing). They
///   are gated on a bootstrap confidence interval of the current/baseline
///   ratio over repetitions, and fail only when the whole interval lies
///   beyond the tolerance.
///
/// An id not named here is statistical: wrongly calling a noisy figure
/// deterministic would make the gate cry wolf, the opposite mistake only
/// makes it slower to notice.
public enum MetricClass: String, Sendable, CaseIterable {
    case deterministic, statistical

    /// Exact ids of deterministic figures.
    static let deterministicIDs: Set<String> = [
        MetricCatalog.distanceEvaluations.id, MetricCatalog.distanceEvaluationsPerSegment.id, MetricCatalog.pages4K.id,
        MetricCatalog.pages2M.id, MetricCatalog.pages4KPerSegment.id, MetricCatalog.segmentsPerQuery.id, MetricCatalog.recall.id,
        MetricCatalog.recallMinimum.id, "visited-nodes", "visited-nodes.per-segment", "wal-bytes-per-operation",
    ]

    /// Prefixes of deterministic families: modelled misses, callgrind counts.
    static let deterministicPrefixes = ["modelled.", "modelled-", "instructions", "callgrind."]

    public static func of(_ metricID: String) -> MetricClass {
        if deterministicIDs.contains(metricID) || deterministicPrefixes.contains(where: { metricID.hasPrefix($0) }) {
            return .deterministic
        }
        return .statistical
    }
}
