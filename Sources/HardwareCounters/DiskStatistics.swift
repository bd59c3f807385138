/// One device's line of /proc/diskstats: cumulative I/O counts and times
/// since boot. Fields by position (Documentation/admin-guide/iostats.rst):
///
/// | field | meaning                     | field | meaning                 |
/// |-------|-----------------------------|-------|-------------------------|
/// | 1     | reads completed             | 8     | ms spent writing        |
/// | 2     | reads merged                | 9     | I/Os in flight (gauge)  |
/// | 3     | sectors read (512 B)        | 10    | ms doing I/O            |
/// | 4     | ms spent reading            | 11    | weighted ms doing I/O   |
/// | 5     | writes completed            | 12–15 | discards (4.18+)        |
/// | 6     | writes merged               | 16    | flushes completed (5.5+)|
/// | 7     | sectors written (512 B)     | 17    | ms spent flushing (5.5+)|
public struct DiskStatistics: Codable, Sendable, Equatable {
    public var device: BlockDevice
    public var readsCompleted: UInt64
    public var readsMerged: UInt64
    public var sectorsRead: UInt64
    public var readMillis: UInt64
    public var writesCompleted: UInt64
    public var writesMerged: UInt64
    public var sectorsWritten: UInt64
    public var writeMillis: UInt64
    public var inFlight: UInt64
    public var ioMillis: UInt64
    public var weightedIOMillis: UInt64
    /// nil on kernels before 5.5.
    public var flushesCompleted: UInt64?
    public var flushMillis: UInt64?

    /// The line for `device` in diskstats text.
    public static func parse(_ text: String, device: BlockDevice) -> OSReading<DiskStatistics> {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 14, fields[2] == device.name else { continue }
            let numbers = fields[3...].map { UInt64($0) }
            guard numbers.prefix(11).allSatisfy({ $0 != nil }) else {
                return .unavailable(reason: "malformed /proc/diskstats line for \(device.name)")
            }
            let value = numbers.map { $0 ?? 0 }
            return .available(
                DiskStatistics(
                    device: device, readsCompleted: value[0], readsMerged: value[1], sectorsRead: value[2],
                    readMillis: value[3], writesCompleted: value[4], writesMerged: value[5],
                    sectorsWritten: value[6], writeMillis: value[7], inFlight: value[8], ioMillis: value[9],
                    weightedIOMillis: value[10], flushesCompleted: value.count >= 17 ? value[15] : nil,
                    flushMillis: value.count >= 17 ? value[16] : nil))
        }
        return .unavailable(reason: "/proc/diskstats has no line for \(device.name)")
    }

    /// /proc/diskstats for the device holding `path`.
    public static func read(holding path: String) -> OSReading<DiskStatistics> {
        switch BlockDevice.holding(path: path) {
        case .available(let device): read(device: device)
        case .unavailable(let reason): .unavailable(reason: reason)
        }
    }

    public static func read(device: BlockDevice) -> OSReading<DiskStatistics> {
        .reading("/proc/diskstats") { parse($0, device: device) }
    }
}
