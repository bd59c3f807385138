/// The fixed, seeded search workload the probe runs, and what to do with it.
/// Parsed by hand from `--key value` pairs: the probe imports nothing that
/// would load Foundation (see `main.swift` for why).
struct ProbeOptions: Equatable {
    enum Mode: String {
        /// Build, flush the caches, then answer the queries in
        /// `ProbeWorkload.searchAll` (the function callgrind toggles on).
        case search
        /// The same up to the flush, no queries: the prefix a cachegrind run
        /// of `search` is subtracted by.
        case prefix
        /// The same build and queries, each query's index accesses recorded
        /// and replayed into a `MemoryModel` with the given D1 and LL.
        case model
    }

    var mode: Mode
    var count = 8_000
    var dimension = 64
    var clusters = 32
    var queries = 200
    var m = 12
    var efConstruction = 40
    var ef = 64
    var k = 10
    var seed: UInt64 = 42
    /// Bytes swept after the build so every cache starts the queries without index data.
    var flushBytes = 16 << 20
    /// Cachegrind-style `size,assoc,line` geometries for `model`.
    var d1 = CacheSpec(bytes: 32_768, ways: 8, line: 64)
    var ll = CacheSpec(bytes: 1_441_792, ways: 11, line: 64)

    struct CacheSpec: Equatable, CustomStringConvertible {
        var bytes: Int
        var ways: Int
        var line: Int

        init(bytes: Int, ways: Int, line: Int) {
            self.bytes = bytes
            self.ways = ways
            self.line = line
        }

        init(parsing text: String, flag: String) throws(ProbeError) {
            let parts = text.split(separator: ",").map { Int($0) }
            guard parts.count == 3, let bytes = parts[0], let ways = parts[1], let line = parts[2],
                  bytes > 0, ways > 0, line == 64
            else { throw .invalidOption(flag: flag, value: text, expected: "size,assoc,64 with positive size and assoc") }
            self = CacheSpec(bytes: bytes, ways: ways, line: line)
        }

        var description: String { "\(bytes),\(ways),\(line)" }
    }

    static let usage = """
        usage: VecbenchProbe search|prefix|model [--count N] [--dimension D] [--clusters C] [--queries Q]
                             [--m M] [--ef-construction E] [--ef EF] [--k K] [--seed S] [--flush-bytes B]
                             [--d1 size,assoc,64] [--ll size,assoc,64]
        """

    init(mode: Mode) { self.mode = mode }

    init(arguments: [String]) throws(ProbeError) {
        guard let first = arguments.first, let mode = Mode(rawValue: first) else {
            throw .invalidOption(flag: "mode", value: arguments.first ?? "", expected: "search, prefix or model")
        }
        self.init(mode: mode)
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw .invalidOption(flag: flag, value: "", expected: "a value") }
            func integer(_ range: ClosedRange<Int>) throws(ProbeError) -> Int {
                guard let number = Int(value), range.contains(number) else {
                    throw .invalidOption(flag: flag, value: value, expected: "a whole number in \(range)")
                }
                return number
            }
            switch flag {
            case "--count": count = try integer(16...2_000_000)
            case "--dimension": dimension = try integer(1...4_096)
            case "--clusters": clusters = try integer(1...100_000)
            case "--queries": queries = try integer(1...100_000)
            case "--m": m = try integer(2...128)
            case "--ef-construction": efConstruction = try integer(1...4_096)
            case "--ef": ef = try integer(1...4_096)
            case "--k": k = try integer(1...1_000)
            case "--seed": seed = UInt64(try integer(0...Int.max))
            case "--flush-bytes": flushBytes = try integer(0...(1 << 32))
            case "--d1": d1 = try CacheSpec(parsing: value, flag: flag)
            case "--ll": ll = try CacheSpec(parsing: value, flag: flag)
            default: throw .invalidOption(flag: flag, value: value, expected: "a known option")
            }
        }
    }
}

/// Why the probe refused to run.
enum ProbeError: Error, CustomStringConvertible {
    case invalidOption(flag: String, value: String, expected: String)
    case build(String)
    case model(String)

    var description: String {
        switch self {
        case .invalidOption(let flag, let value, let expected): return "\(flag) '\(value)': expected \(expected)"
        case .build(let reason): return "building the index: \(reason)"
        case .model(let reason): return "memory model: \(reason)"
        }
    }
}
