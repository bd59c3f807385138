/// One bound on a user-controlled size, checked where the value enters
/// (a command-line flag, a workload key, a protocol field, a document) so
/// that no such value reaches an allocation or a numeric conversion
/// unchecked. Every bound the engine and the runner enforce is a constant
/// on this type; the table below is the documentation users see.
///
/// | limit | range | why this bound |
/// |---|---|---|
/// | `dimension` | 1 … 65,536 | dataset readers refuse wider rows; a vector of 65,536 f32 is 256 KiB |
/// | `k` | 1 … 10,000 | result lists are allocated per search |
/// | `ef` | 1 … 65,536 | the candidate list holds `ef` entries per search |
/// | `efConstruction` | 1 … 65,536 | the same list, during inserts and seals |
/// | `m` | 2 … 512 | level 0 holds `2m` link slots per node |
/// | `batch` | 1 … 100,000 | points in one upsert call, one WAL record |
/// | `tenants` | 1 … 1,000,000 | tenant tables are sized by it |
/// | `threads` | 1 … 1,024 | threads started per run |
/// | `workers` | 1 … 4,096 | processes started per configuration |
/// | `phaseSeconds` | 0 … 604,800 | a phase of at most 7 days; converted to nanoseconds |
/// | `rate` | 0 … 100,000,000 | operations per second offered by an arrival process |
/// | `configurations` | 1 … 1,000 | configurations (variants × repetitions) in one run |
/// | `points` | 0 … 1,000,000,000 | points generated or loaded in one run |
/// | `sweepValues` | 1 … 64 | values of one workload `sweep:`; each runs every configuration again |
public struct InputLimit: Sendable, Equatable, CustomStringConvertible {
    /// The name users see in errors, e.g. "ef".
    public let name: String
    public let range: ClosedRange<Int>
    /// Why the bound is where it is; shown in the error.
    public let why: String

    public init(name: String, range: ClosedRange<Int>, why: String) {
        self.name = name
        self.range = range
        self.why = why
    }

    public static let dimension = InputLimit(name: "dimension", range: 1...65_536, why: "dataset readers refuse wider rows")
    public static let k = InputLimit(name: "k", range: 1...10_000, why: "result lists are allocated per search")
    public static let ef = InputLimit(name: "ef", range: 1...65_536, why: "the candidate list holds ef entries per search")
    public static let efConstruction = InputLimit(
        name: "ef_construction", range: 1...65_536, why: "the candidate list holds ef_construction entries per insert")
    public static let m = InputLimit(name: "m", range: 2...512, why: "level 0 holds 2m link slots per node")
    public static let batch = InputLimit(name: "batch", range: 1...100_000, why: "one upsert call is one WAL record")
    public static let tenants = InputLimit(name: "tenants", range: 1...1_000_000, why: "tenant tables are sized by it")
    public static let threads = InputLimit(name: "threads", range: 1...1_024, why: "threads are started per run")
    public static let workers = InputLimit(name: "workers", range: 1...4_096, why: "processes are started per configuration")
    public static let phaseSeconds = InputLimit(
        name: "duration (seconds)", range: 0...604_800, why: "a phase runs at most 7 days; time is kept in nanoseconds")
    public static let rate = InputLimit(name: "rate", range: 0...100_000_000, why: "operations per second an arrival process may offer")
    public static let configurations = InputLimit(
        name: "configurations", range: 1...1_000, why: "each configuration (variant × repetition) is a separate run")
    public static let points = InputLimit(name: "points", range: 0...1_000_000_000, why: "points generated or loaded in one run")
    public static let sweepValues = InputLimit(name: "sweep values", range: 1...64, why: "each value runs every configuration again")

    /// The value, or an error naming the limit, the value and where it came from.
    @discardableResult
    public func check(_ value: Int, at location: String) throws(InputLimitError) -> Int {
        guard range.contains(value) else { throw InputLimitError(limit: self, value: "\(value)", location: location) }
        return value
    }

    /// For values that arrive as floating point (YAML, JSON, flags such as
    /// `1e12`): refuses NaN, infinities, fractions and anything out of range
    /// before converting, so `Int(_:)` can never trap.
    public func check(_ value: Double, at location: String) throws(InputLimitError) -> Int {
        guard value.isFinite, value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            throw InputLimitError(limit: self, value: "\(value)", location: location)
        }
        return Int(value)
    }

    public var description: String { "\(name) must be in \(range.lowerBound)…\(range.upperBound) (\(why))" }
}

/// A value outside its `InputLimit`: what, where, and the allowed range.
public struct InputLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    public let limit: InputLimit
    public let value: String
    /// Where the value came from: a flag, a file:line:column, a request.
    public let location: String

    public init(limit: InputLimit, value: String, location: String) {
        self.limit = limit
        self.value = value
        self.location = location
    }

    public var description: String {
        "\(location): \(limit.name) \(value) is out of range: allowed \(limit.range.lowerBound)…\(limit.range.upperBound) (\(limit.why))"
    }
}
