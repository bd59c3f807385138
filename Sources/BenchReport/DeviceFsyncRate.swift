import BenchModel

/// How many fdatasync calls per second the device sustains, and where the
/// figure came from: a flag, or the raw-sync cell of a `vecbench bench-wal`
/// document (one writer, append into preallocated space: the WAL's own
/// pattern). The plan never guesses it from a run's fsync latency, which
/// says how long one fsync took under that run's load, not how many the
/// device can do.
public struct DeviceFsyncRate: Sendable, Equatable {
    public var perSecond: Double
    /// For the report: `--device-fsyncs-per-second`, or the bench-wal
    /// document, its pattern and machine.
    public var source: String

    public init(perSecond: Double, source: String) {
        self.perSecond = perSecond
        self.source = source
    }

    /// The raw fdatasync rate of a bench-wal document, or an error naming
    /// the document when it holds none.
    public static func from(_ wal: WALBenchResult, source: String) throws(ReportError) -> DeviceFsyncRate {
        guard let raw = wal.referenceSync else {
            throw ReportError.nothingToReport(source: source, detail: "no raw fdatasync measurement (rawSync is empty)")
        }
        guard raw.syncsPerSecond.isFinite, raw.syncsPerSecond > 0, raw.syncsPerSecond <= CapacityPlanRequest.maximumRate else {
            throw ReportError.unreadableDocument(
                source: source, detail: "rawSync '\(raw.pattern)' syncsPerSecond is \(raw.syncsPerSecond), not a rate in (0, 10^9]")
        }
        return DeviceFsyncRate(
            perSecond: raw.syncsPerSecond,
            source: "bench-wal \(source) (\(raw.pattern), \(wal.configuration.fileSystem ?? "file system unknown"), "
                + "\(wal.context.cpuModel), \(wal.context.createdAt))")
    }
}
