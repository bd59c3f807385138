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
    /// Vectors held at the end of the phase, and the bytes their storage
    /// takes in RAM (anonymous memory and codes pinned in RAM, graph links
    /// included) and on disk (mapped originals, segment files), for bytes
    /// per vector by placement. nil when the engine cannot tell.
    public var vectors: Int?
    public var vectorBytesInRAM: Int?
    public var vectorBytesOnDisk: Int?
    /// An external engine's own figures, as its adapter reported them; nil
    /// for vecbench's engine.
    public var adapterStatistics: [AdapterStatistic]?

    public init(fsyncs: Int, fsyncP99Milliseconds: Double, walBytes: Int, meanGroupCommit: Double, seals: Int,
                sealQueueWaitP99Milliseconds: Double, sealDurationP99Milliseconds: Double, sealedSegments: Int,
                mappedBytes: Int, residentBytes: Int?, hugePageBytes: Int?, openCollections: Int, incomplete: String? = nil,
                vectors: Int? = nil, vectorBytesInRAM: Int? = nil, vectorBytesOnDisk: Int? = nil,
                adapterStatistics: [AdapterStatistic]? = nil) {
        self.vectors = vectors
        self.vectorBytesInRAM = vectorBytesInRAM
        self.vectorBytesOnDisk = vectorBytesOnDisk
        self.adapterStatistics = adapterStatistics
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
