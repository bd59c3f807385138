/// The operating system's view of one phase: cumulative readings as deltas
/// (I/O, disk activity, stall time, resource usage) and gauges as they stood
/// at the end (memory, region coverage, THP policy).
public struct OSDelta: Codable, Sendable, Equatable {
    public struct DiskEntry: Codable, Sendable, Equatable {
        public var path: String
        public var activity: OSReading<DiskActivity>
    }

    public struct PressureEntry: Codable, Sendable, Equatable {
        public var resource: PressureStall.Resource
        public var stall: OSReading<PressureStallDelta>
    }

    public var intervalNanos: UInt64
    public var memoryAtEnd: OSReading<MemoryRollup>
    public var regionsAtEnd: [OSSnapshot.RegionSample]
    public var io: OSReading<ProcessIO>
    public var disks: [DiskEntry]
    public var pressure: [PressureEntry]
    public var usage: OSReading<ResourceUsage>
    public var transparentHugePages: OSReading<TransparentHugePageSettings>

    public static func delta(from start: OSSnapshot, to end: OSSnapshot) -> OSDelta {
        let disks = end.disks.map { last -> DiskEntry in
            guard let first = start.disks.first(where: { $0.path == last.path }) else {
                return DiskEntry(path: last.path, activity: .unavailable(reason: "not read at the start of the phase"))
            }
            return DiskEntry(
                path: last.path, activity: first.statistics.combined(with: last.statistics, DiskActivity.delta))
        }
        let pressure = end.pressure.map { last -> PressureEntry in
            guard let first = start.pressure.first(where: { $0.resource == last.resource }) else {
                return PressureEntry(resource: last.resource, stall: .unavailable(reason: "not read at the start of the phase"))
            }
            return PressureEntry(resource: last.resource, stall: first.stall.combined(with: last.stall, PressureStallDelta.delta))
        }
        return OSDelta(
            intervalNanos: end.monotonicNanos >= start.monotonicNanos ? end.monotonicNanos - start.monotonicNanos : 0,
            memoryAtEnd: end.memory, regionsAtEnd: end.regions,
            io: start.io.combined(with: end.io, ProcessIO.delta), disks: disks, pressure: pressure,
            usage: start.usage.combined(with: end.usage, ResourceUsage.delta),
            transparentHugePages: end.transparentHugePages)
    }
}
