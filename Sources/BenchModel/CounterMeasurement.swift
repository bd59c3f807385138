/// A hardware or software counter over one phase, with its status. There is
/// no silent zero: `value` is nil whenever the counter did not count, and
/// `reason` says why.
public struct CounterMeasurement: Codable, Sendable, Equatable {
    public var name: String
    /// counted, scaled, not-counted, unsupported, permission-denied, unknown-event.
    public var status: String
    public var reason: String?
    public var value: Double?
    /// value / operations of the phase (nil when value is nil).
    public var perOperation: Double?
    /// Share of the phase the counter was actually on the PMU (multiplexing).
    public var runningPercent: Double?

    public init(name: String, status: String, reason: String?, value: Double?, perOperation: Double?, runningPercent: Double?) {
        self.name = name
        self.status = status
        self.reason = reason
        self.value = value
        self.perOperation = perOperation
        self.runningPercent = runningPercent
    }

    public var isAvailable: Bool { value != nil }
}

/// A reading that is either a number or the reason there is none.
public struct Reading: Codable, Sendable, Equatable {
    public var value: Double?
    public var unavailable: String?

    public init(value: Double) {
        self.value = value
        unavailable = nil
    }

    public init(unavailable reason: String) {
        value = nil
        unavailable = reason
    }
}

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

    public init(rssBytes: Reading, anonHugePageBytes: Reading, minorFaults: Reading, majorFaults: Reading,
                voluntaryContextSwitches: Reading, involuntaryContextSwitches: Reading, readBytes: Reading,
                writeBytes: Reading, diskWrites: Reading, diskWriteWaitMilliseconds: Reading) {
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

/// The engine's own statistics over a phase.
public struct EngineSummary: Codable, Sendable, Equatable {
    public var fsyncs: Int
    public var fsyncP99Milliseconds: Double
    public var walBytes: Int
    public var meanGroupCommit: Double
    public var seals: Int
    public var sealQueueWaitP99Milliseconds: Double
    public var sealDurationP99Milliseconds: Double
    public var sealedSegments: Int
    public var mappedBytes: Int
    public var residentBytes: Int?
    public var hugePageBytes: Int?
    public var openCollections: Int
    /// Set when some engine (a worker process) could not be read: the sums
    /// above then cover only the others, and this says which and why.
    public var incomplete: String?

    public init(fsyncs: Int, fsyncP99Milliseconds: Double, walBytes: Int, meanGroupCommit: Double, seals: Int,
                sealQueueWaitP99Milliseconds: Double, sealDurationP99Milliseconds: Double, sealedSegments: Int,
                mappedBytes: Int, residentBytes: Int?, hugePageBytes: Int?, openCollections: Int, incomplete: String? = nil) {
        self.fsyncs = fsyncs
        self.fsyncP99Milliseconds = fsyncP99Milliseconds
        self.walBytes = walBytes
        self.meanGroupCommit = meanGroupCommit
        self.seals = seals
        self.sealQueueWaitP99Milliseconds = sealQueueWaitP99Milliseconds
        self.sealDurationP99Milliseconds = sealDurationP99Milliseconds
        self.sealedSegments = sealedSegments
        self.mappedBytes = mappedBytes
        self.residentBytes = residentBytes
        self.hugePageBytes = hugePageBytes
        self.openCollections = openCollections
        self.incomplete = incomplete
    }
}
