/// The document `vecbench bench-wal` writes (schema `vecbench.wal/1`): the
/// device's raw fdatasync rate, then acknowledged writes with `fsync always`
/// for each number of concurrent writing tenants under three WAL layouts,
/// and warm-cache replay speed — all measured in one run, so ratios between
/// cells compare like with like.
///
/// Every timed figure is the median over `rounds` rounds; rounds interleave
/// the cells (round 1 of every cell, then round 2, …) so slow drift on a
/// shared VM spreads over all cells instead of biasing the last ones.
public struct WALBenchResult: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "vecbench.wal/1"

    public var schema: String = WALBenchResult.schemaIdentifier
    public var context: RunContext
    public var configuration: Configuration
    public var rawSync: [RawSync]
    public var cells: [Cell]
    /// Per tenant count, ratios between layouts: medians of the ratios
    /// within each round (robust to drift between rounds).
    public var ratios: [Ratios]
    public var replay: Replay
    /// Caveats a reader needs (warm cache, VM noise, file system).
    public var notes: [String]

    public init(
        context: RunContext, configuration: Configuration, rawSync: [RawSync], cells: [Cell], ratios: [Ratios], replay: Replay,
        notes: [String]
    ) {
        self.context = context
        self.configuration = configuration
        self.rawSync = rawSync
        self.cells = cells
        self.ratios = ratios
        self.replay = replay
        self.notes = notes
    }

    public struct Configuration: Codable, Sendable, Equatable {
        /// Where the WALs and the raw-sync file lived (the device measured).
        public var dataDirectory: String
        /// File system type of `dataDirectory`, when known.
        public var fileSystem: String?
        public var secondsPerRound: Double
        public var rounds: Int
        public var tenants: [Int]
        public var payloadBytes: Int
        /// On-disk bytes per record (framing and padding included).
        public var recordBytes: Int
        public var segmentBytes: Int
        public var replayTargetBytes: Int

        public init(
            dataDirectory: String, fileSystem: String?, secondsPerRound: Double, rounds: Int, tenants: [Int],
            payloadBytes: Int, recordBytes: Int, segmentBytes: Int, replayTargetBytes: Int
        ) {
            self.dataDirectory = dataDirectory
            self.fileSystem = fileSystem
            self.secondsPerRound = secondsPerRound
            self.rounds = rounds
            self.tenants = tenants
            self.payloadBytes = payloadBytes
            self.recordBytes = recordBytes
            self.segmentBytes = segmentBytes
            self.replayTargetBytes = replayTargetBytes
        }
    }

    /// How the tenants' writes reach the disk.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// One WAL per tenant (collection): each writer syncs its own file.
        case perCollection = "per-collection"
        /// One WAL shared by all tenants, group commit.
        case sharedGroupCommit = "shared-group-commit"
        /// One WAL shared by all tenants, an fdatasync per write under the lock.
        case sharedNaive = "shared-naive"

        public var title: String {
            switch self {
            case .perCollection: "per-collection WAL"
            case .sharedGroupCommit: "shared WAL, group commit"
            case .sharedNaive: "shared WAL, naive fsync per write"
            }
        }
    }

    /// A tight loop of 4 KiB pwrite + fdatasync on one file: what the device
    /// and file system give a single synchronous writer.
    public struct RawSync: Codable, Sendable, Equatable {
        /// `append-preallocated` (new blocks of a fallocated file, the WAL's
        /// pattern) or `overwrite` (the same block again: no extent change).
        public var pattern: String
        public var writeBytes: Int
        public var rounds: [Round]
        /// Medians over rounds.
        public var syncsPerSecond: Double
        public var p50Microseconds: Double
        public var p99Microseconds: Double

        public init(pattern: String, writeBytes: Int, rounds: [Round], syncsPerSecond: Double, p50Microseconds: Double, p99Microseconds: Double) {
            self.pattern = pattern
            self.writeBytes = writeBytes
            self.rounds = rounds
            self.syncsPerSecond = syncsPerSecond
            self.p50Microseconds = p50Microseconds
            self.p99Microseconds = p99Microseconds
        }
    }

    /// One tenants × mode combination.
    public struct Cell: Codable, Sendable, Equatable {
        public var tenants: Int
        public var mode: Mode
        public var rounds: [Round]
        /// Medians over rounds.
        public var writesPerSecond: Double
        public var p50Microseconds: Double
        public var p99Microseconds: Double
        public var fsyncsPerSecond: Double
        /// Acknowledged appends per fdatasync.
        public var meanGroupSize: Double
        /// Writes/s ÷ the raw append-preallocated fdatasync/s of the same
        /// round, median over rounds.
        public var writesPerRawSync: Double

        public init(
            tenants: Int, mode: Mode, rounds: [Round], writesPerSecond: Double, p50Microseconds: Double,
            p99Microseconds: Double, fsyncsPerSecond: Double, meanGroupSize: Double, writesPerRawSync: Double
        ) {
            self.writesPerRawSync = writesPerRawSync
            self.tenants = tenants
            self.mode = mode
            self.rounds = rounds
            self.writesPerSecond = writesPerSecond
            self.p50Microseconds = p50Microseconds
            self.p99Microseconds = p99Microseconds
            self.fsyncsPerSecond = fsyncsPerSecond
            self.meanGroupSize = meanGroupSize
        }
    }

    /// Throughput and latency ratios between layouts for one tenant count.
    public struct Ratios: Codable, Sendable, Equatable {
        public var tenants: Int
        /// Writes/s, shared group commit ÷ per-collection WALs.
        public var groupCommitOverPerCollection: Double?
        /// Writes/s, shared group commit ÷ shared naive.
        public var groupCommitOverNaive: Double?
        /// Writes/s, per-collection ÷ shared naive.
        public var perCollectionOverNaive: Double?
        /// p99 acknowledgement latency, shared naive ÷ shared group commit.
        public var naiveP99OverGroupCommitP99: Double?
        /// fdatasyncs per second, per-collection ÷ shared group commit: the
        /// device flushes group commit saves.
        public var perCollectionFsyncsOverGroupCommit: Double?

        public init(
            tenants: Int, groupCommitOverPerCollection: Double?, groupCommitOverNaive: Double?, perCollectionOverNaive: Double?,
            naiveP99OverGroupCommitP99: Double?, perCollectionFsyncsOverGroupCommit: Double?
        ) {
            self.perCollectionFsyncsOverGroupCommit = perCollectionFsyncsOverGroupCommit
            self.tenants = tenants
            self.groupCommitOverPerCollection = groupCommitOverPerCollection
            self.groupCommitOverNaive = groupCommitOverNaive
            self.perCollectionOverNaive = perCollectionOverNaive
            self.naiveP99OverGroupCommitP99 = naiveP99OverGroupCommitP99
        }
    }

    /// One timed round of a cell or of the raw sync loop.
    public struct Round: Codable, Sendable, Equatable {
        public var seconds: Double
        /// Acknowledged appends (raw loop: completed pwrite + fdatasync pairs).
        public var operations: Int
        public var fsyncs: Int
        public var operationsPerSecond: Double
        public var fsyncsPerSecond: Double
        /// Acknowledgement latency of one append (raw: one pwrite + fdatasync).
        public var p50Microseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double
        public var meanGroupSize: Double

        public init(
            seconds: Double, operations: Int, fsyncs: Int, p50Microseconds: Double, p99Microseconds: Double,
            maxMicroseconds: Double
        ) {
            self.seconds = seconds
            self.operations = operations
            self.fsyncs = fsyncs
            operationsPerSecond = seconds > 0 ? Double(operations) / seconds : 0
            fsyncsPerSecond = seconds > 0 ? Double(fsyncs) / seconds : 0
            self.p50Microseconds = p50Microseconds
            self.p99Microseconds = p99Microseconds
            self.maxMicroseconds = maxMicroseconds
            meanGroupSize = fsyncs > 0 ? Double(operations) / Double(fsyncs) : 0
        }
    }

    /// Reading a WAL back: open (recovery) plus a full replay that touches
    /// every payload, from the page cache (the benchmark cannot drop caches).
    public struct Replay: Codable, Sendable, Equatable {
        public var walBytes: Int
        public var records: Int
        public var segments: Int
        public var warmCache: Bool
        public var rounds: [ReplayRound]
        /// Medians over rounds.
        public var megabytesPerSecond: Double
        public var recordsPerSecond: Double
        public var openSeconds: Double

        public init(
            walBytes: Int, records: Int, segments: Int, warmCache: Bool, rounds: [ReplayRound], megabytesPerSecond: Double,
            recordsPerSecond: Double, openSeconds: Double
        ) {
            self.walBytes = walBytes
            self.records = records
            self.segments = segments
            self.warmCache = warmCache
            self.rounds = rounds
            self.megabytesPerSecond = megabytesPerSecond
            self.recordsPerSecond = recordsPerSecond
            self.openSeconds = openSeconds
        }
    }

    public struct ReplayRound: Codable, Sendable, Equatable {
        public var openSeconds: Double
        public var replaySeconds: Double
        /// Segment bytes / replay seconds, MB = 10^6 bytes.
        public var megabytesPerSecond: Double

        public init(openSeconds: Double, replaySeconds: Double, megabytesPerSecond: Double) {
            self.openSeconds = openSeconds
            self.replaySeconds = replaySeconds
            self.megabytesPerSecond = megabytesPerSecond
        }
    }

    /// The cell for a tenant count and mode, if it was measured.
    public func cell(tenants: Int, mode: Mode) -> Cell? {
        cells.first { $0.tenants == tenants && $0.mode == mode }
    }

    /// The raw sync rate of the WAL's own write pattern (append into
    /// preallocated space), the natural yardstick for the cells.
    public var referenceSync: RawSync? {
        rawSync.first { $0.pattern == "append-preallocated" } ?? rawSync.first
    }
}
