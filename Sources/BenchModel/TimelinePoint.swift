/// One second of a phase.
public struct TimelinePoint: Codable, Sendable, Equatable {
    public var second: Int
    public var completed: Int
    public var errors: Int
    /// Latency (from intended start) of operations completed in this second, µs.
    public var p50: Double
    public var p99: Double
    /// Collections open at the end of this second; nil when not sampled.
    public var tenantsOpen: Int?
    /// File descriptors open (this process and its workers) at the end of
    /// this second; nil when not sampled.
    public var openFiles: Int?
    /// Length of the bucket in seconds: 1 except for a phase's last, partial
    /// second. Rates are `completed / seconds`. nil in older documents (read
    /// as 1).
    public var seconds: Double?

    public init(second: Int, completed: Int, errors: Int, p50: Double, p99: Double, tenantsOpen: Int? = nil,
                openFiles: Int? = nil, seconds: Double? = nil) {
        self.tenantsOpen = tenantsOpen
        self.openFiles = openFiles
        self.seconds = seconds
        self.second = second
        self.completed = completed
        self.errors = errors
        self.p50 = p50
        self.p99 = p99
    }
}
