/// Everything the operating system says about a process at one instant:
/// memory (whole process and named regions), I/O, the devices holding given
/// paths, pressure stalls, resource usage, and the THP policy. Phases are
/// `OSDelta.delta(from:to:)` of two snapshots. Each reading is
/// available or says why not.
public struct OSSnapshot: Codable, Sendable, Equatable {
    /// What to read.
    public struct Probe: Sendable, Equatable {
        /// nil for this process; a worker's pid otherwise.
        public var pid: Int32?
        /// Paths whose block devices' /proc/diskstats lines to read (a WAL
        /// directory, an index directory).
        public var diskPaths: [String]
        /// Regions whose huge-page coverage to read.
        public var regions: [MappingCoverage.Selector]

        public init(pid: Int32? = nil, diskPaths: [String] = [], regions: [MappingCoverage.Selector] = []) {
            self.pid = pid
            self.diskPaths = diskPaths
            self.regions = regions
        }
    }

    public struct DiskSample: Codable, Sendable, Equatable {
        public var path: String
        public var statistics: OSReading<DiskStatistics>
    }

    public struct RegionSample: Codable, Sendable, Equatable {
        public var selector: MappingCoverage.Selector
        public var coverage: OSReading<MappingCoverage>
    }

    public struct PressureSample: Codable, Sendable, Equatable {
        public var resource: PressureStall.Resource
        public var stall: OSReading<PressureStall>
    }

    public var monotonicNanos: UInt64
    public var memory: OSReading<MemoryRollup>
    public var regions: [RegionSample]
    public var io: OSReading<ProcessIO>
    public var disks: [DiskSample]
    public var pressure: [PressureSample]
    public var usage: OSReading<ResourceUsage>
    public var transparentHugePages: OSReading<TransparentHugePageSettings>

    public static func capture(_ probe: Probe = Probe()) -> OSSnapshot {
        let usage: OSReading<ResourceUsage> =
            probe.pid == nil
            ? ResourceUsage.read(.process)
            : .unavailable(reason: "getrusage reports only the calling process and its waited-for children")
        return OSSnapshot(
            monotonicNanos: MonotonicClock.nanos(),
            memory: MemoryRollup.read(pid: probe.pid),
            regions: probe.regions.map { RegionSample(selector: $0, coverage: MappingCoverage.read($0, pid: probe.pid)) },
            io: ProcessIO.read(pid: probe.pid),
            disks: probe.diskPaths.map { DiskSample(path: $0, statistics: DiskStatistics.read(holding: $0)) },
            pressure: PressureStall.Resource.allCases.map { PressureSample(resource: $0, stall: PressureStall.read($0)) },
            usage: usage,
            transparentHugePages: TransparentHugePageSettings.read())
    }
}
