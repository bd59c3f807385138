/// The document `make bench-instructions` writes: instructions and Valgrind's
/// simulated D1/LL misses per query of a fixed, seeded search workload,
/// schema `vecbench.instructions/1`. Every count is deterministic for a
/// given binary: a gate compares them exactly.
///
/// | field | meaning |
/// |---|---|
/// | `tool` | how the counts were taken (Valgrind tool and options) |
/// | `scope` | what is counted: the function whose calls are collected |
/// | `workload` | the probe's dataset, index and search parameters |
/// | `cache` | the simulated I1, D1 and LL as Valgrind's `size,assoc,line` (pinned, never the host's) |
/// | `runs` | each run's raw counts; all must be equal (the make target fails otherwise) |
/// | `perQuery` | the first run's counts divided by `workload.queries` |
public struct InstructionCountResult: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "vecbench.instructions/1"

    public var schema: String = InstructionCountResult.schemaIdentifier
    /// For example `valgrind-3.19.0 --tool=callgrind --cache-sim=yes`.
    public var tool: String
    /// For example `--toggle-collect=*searchAll*`.
    public var scope: String
    public var workload: Workload
    public var cache: Cache
    public var runs: [Counts]
    public var perQuery: PerQuery
    /// Git commit of the measured build, when known.
    public var gitCommit: String?

    public init(tool: String, scope: String, workload: Workload, cache: Cache, runs: [Counts], perQuery: PerQuery,
                gitCommit: String? = nil) {
        self.tool = tool
        self.scope = scope
        self.workload = workload
        self.cache = cache
        self.runs = runs
        self.perQuery = perQuery
        self.gitCommit = gitCommit
    }

    public struct Workload: Codable, Sendable, Equatable {
        public var count: Int
        public var dimension: Int
        public var clusters: Int
        public var queries: Int
        public var m: Int
        public var efConstruction: Int
        public var ef: Int
        public var k: Int
        public var seed: UInt64

        public init(count: Int, dimension: Int, clusters: Int, queries: Int, m: Int, efConstruction: Int, ef: Int, k: Int,
                    seed: UInt64) {
            self.count = count
            self.dimension = dimension
            self.clusters = clusters
            self.queries = queries
            self.m = m
            self.efConstruction = efConstruction
            self.ef = ef
            self.k = k
            self.seed = seed
        }
    }

    /// Valgrind cache geometries, `size,assoc,line`.
    public struct Cache: Codable, Sendable, Equatable {
        public var i1: String
        public var d1: String
        public var ll: String

        public init(i1: String, d1: String, ll: String) {
            self.i1 = i1
            self.d1 = d1
            self.ll = ll
        }
    }

    /// One run's totals over the collected scope (Valgrind's event names).
    public struct Counts: Codable, Sendable, Equatable {
        /// Ir: instructions executed.
        public var instructions: Int
        /// Dr + Dw: data reads and writes.
        public var dataAccesses: Int
        /// D1mr + D1mw.
        public var d1Misses: Int
        /// DLmr + DLmw.
        public var llMisses: Int
        /// A fold of every query's results, so equal counts of different answers show.
        public var checksum: String?

        public init(instructions: Int, dataAccesses: Int, d1Misses: Int, llMisses: Int, checksum: String? = nil) {
            self.instructions = instructions
            self.dataAccesses = dataAccesses
            self.d1Misses = d1Misses
            self.llMisses = llMisses
            self.checksum = checksum
        }
    }

    public struct PerQuery: Codable, Sendable, Equatable {
        public var instructions: Double
        public var dataAccesses: Double
        public var d1Misses: Double
        public var llMisses: Double

        public init(instructions: Double, dataAccesses: Double, d1Misses: Double, llMisses: Double) {
            self.instructions = instructions
            self.dataAccesses = dataAccesses
            self.d1Misses = d1Misses
            self.llMisses = llMisses
        }
    }

    /// Whether every run counted the same (what makes the figures gateable).
    public var runsAgree: Bool { runs.dropFirst().allSatisfy { $0 == runs.first } }
}
