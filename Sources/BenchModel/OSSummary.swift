/// OS readings over a phase (deltas) or at its end (levels). Memory levels
/// include worker processes when tenants are placed in them; faults,
/// context switches and I/O are this process's (the counters cover workers).
public struct OSSummary: Codable, Sendable, Equatable {
    public var rssBytes: Reading
    public var anonHugePageBytes: Reading
    public var minorFaults: Reading
    public var majorFaults: Reading
    public var voluntaryContextSwitches: Reading
    public var involuntaryContextSwitches: Reading
    public var readBytes: Reading
    public var writeBytes: Reading
    public var diskWrites: Reading
    public var diskWriteWaitMilliseconds: Reading
    /// Levels at the end of the phase, this process and its workers (or the
    /// adapter process): open file descriptors, memory maps, and the data
    /// directory's disk use, allocated and apparent. nil in older documents.
    public var openFiles: Reading?
    public var memoryMaps: Reading?
    public var diskAllocatedBytes: Reading?
    public var diskApparentBytes: Reading?
    /// The worker or adapter processes alone; nil when tenants live in
    /// this process, and in older documents.
    public var workers: ProcessLevels?
    /// CPU time used over the phase in µs, user and system, by every thread
    /// of this process and of its worker processes (getrusage for this one,
    /// /proc/<pid>/stat for workers). nil in older documents.
    public var userCPUMicros: Reading?
    public var systemCPUMicros: Reading?

    public init(rssBytes: Reading, anonHugePageBytes: Reading, minorFaults: Reading, majorFaults: Reading,
                voluntaryContextSwitches: Reading, involuntaryContextSwitches: Reading, readBytes: Reading,
                writeBytes: Reading, diskWrites: Reading, diskWriteWaitMilliseconds: Reading, openFiles: Reading? = nil,
                memoryMaps: Reading? = nil, diskAllocatedBytes: Reading? = nil, diskApparentBytes: Reading? = nil,
                workers: ProcessLevels? = nil, userCPUMicros: Reading? = nil, systemCPUMicros: Reading? = nil) {
        self.workers = workers
        self.userCPUMicros = userCPUMicros
        self.systemCPUMicros = systemCPUMicros
        self.openFiles = openFiles
        self.memoryMaps = memoryMaps
        self.diskAllocatedBytes = diskAllocatedBytes
        self.diskApparentBytes = diskApparentBytes
        self.rssBytes = rssBytes
        self.anonHugePageBytes = anonHugePageBytes
        self.minorFaults = minorFaults
        self.majorFaults = majorFaults
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.readBytes = readBytes
        self.writeBytes = writeBytes
        self.diskWrites = diskWrites
        self.diskWriteWaitMilliseconds = diskWriteWaitMilliseconds
    }
}
