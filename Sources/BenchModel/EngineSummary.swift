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
