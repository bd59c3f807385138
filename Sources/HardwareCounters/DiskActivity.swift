/// What a device did between two diskstats readings.
public struct DiskActivity: Codable, Sendable, Equatable {
    public var device: BlockDevice
    public var reads: UInt64
    public var writes: UInt64
    public var bytesRead: UInt64
    public var bytesWritten: UInt64
    public var flushes: UInt64?
    /// I/Os in flight at the end of the interval (a gauge, not a delta).
    public var inFlightAtEnd: UInt64
    /// Time the device had I/O in flight; ioMillis / interval is utilisation.
    public var ioMillis: UInt64
    /// Average time per completed read or write, queueing included (iostat's
    /// await); nil when nothing completed, since 0 ms would be a lie.
    public var averageWaitMillis: Double?
    public var averageReadWaitMillis: Double?
    public var averageWriteWaitMillis: Double?

    public static func delta(from start: DiskStatistics, to end: DiskStatistics) -> DiskActivity {
        let reads = end.readsCompleted &- start.readsCompleted
        let writes = end.writesCompleted &- start.writesCompleted
        let readMillis = end.readMillis &- start.readMillis
        let writeMillis = end.writeMillis &- start.writeMillis
        func average(_ millis: UInt64, _ count: UInt64) -> Double? {
            count == 0 ? nil : Double(millis) / Double(count)
        }
        var flushes: UInt64?
        if let first = start.flushesCompleted, let last = end.flushesCompleted { flushes = last &- first }
        return DiskActivity(
            device: end.device, reads: reads, writes: writes,
            bytesRead: (end.sectorsRead &- start.sectorsRead) * 512,
            bytesWritten: (end.sectorsWritten &- start.sectorsWritten) * 512, flushes: flushes,
            inFlightAtEnd: end.inFlight, ioMillis: end.ioMillis &- start.ioMillis,
            averageWaitMillis: average(readMillis + writeMillis, reads + writes),
            averageReadWaitMillis: average(readMillis, reads), averageWriteWaitMillis: average(writeMillis, writes))
    }
}
