/// What `vecbench bench-wal` measures and for how long.
public struct WALBenchmarkConfiguration: Sendable {
    /// The WALs and the raw-sync file go here: the device under test.
    public var dataDirectory: String
    /// Length of one timed round of one cell.
    public var secondsPerRound: Double
    /// Rounds per cell; figures are medians over rounds.
    public var rounds: Int
    /// Concurrent writing tenants (threads) per cell.
    public var tenants: [Int]
    public var payloadBytes: Int
    /// WAL segment size for the write cells (preallocated per WAL).
    public var segmentBytes: Int
    /// Approximate size of the WAL replayed for the replay figure.
    public var replayBytes: Int

    public init(
        dataDirectory: String, secondsPerRound: Double = 3, rounds: Int = 5, tenants: [Int] = [1, 16, 64],
        payloadBytes: Int = 256, segmentBytes: Int = 16 << 20, replayBytes: Int = 256 << 20
    ) {
        self.dataDirectory = dataDirectory
        self.secondsPerRound = secondsPerRound
        self.rounds = rounds
        self.tenants = tenants
        self.payloadBytes = payloadBytes
        self.segmentBytes = segmentBytes
        self.replayBytes = replayBytes
    }
}
