import VectorWAL

/// An engine configuration as JSON: how `vecbench run` hands the settings a
/// configuration names, whole, to its `vecbench serve` workers
/// (`--engine-json`), and how a worker reports the configuration it runs
/// with (the `engineConfiguration` request). Decoding refuses a value no
/// engine can run with, naming the key, instead of trapping later.
///
/// | key | type | meaning |
/// |---|---|---|
/// | `dataDirectory` | string | where the engine keeps its data (`serve --data` replaces it) |
/// | `walScope` | string | `per-collection` or `shared` |
/// | `wal.syncPolicy` | string | `always`, `interval:MS`, `never`, `naive` |
/// | `wal.segmentBytes` | int | 128 … 2^36: size at which a WAL segment is sealed |
/// | `wal.preallocate` | bool | reserve each segment with fallocate |
/// | `wal.maximumPayloadBytes` | int | 1 … 2^30: largest record payload |
/// | `sealConcurrency` | int or null | 1 … 4,096 seals at once; null for unbounded |
/// | `maximumOpenCollections` | int | 1 … 1,000,000 collections open at once |
extension EngineConfiguration: Codable {
    /// Largest WAL segment accepted from JSON: it is preallocated whole.
    public static let maximumWALSegmentBytes = 1 << 36

    private enum CodingKeys: String, CodingKey {
        case dataDirectory, walScope, wal, sealConcurrency, maximumOpenCollections
    }

    private enum WALKeys: String, CodingKey {
        case syncPolicy, segmentBytes, preallocate, maximumPayloadBytes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataDirectory, forKey: .dataDirectory)
        try container.encode(walScope, forKey: .walScope)
        var log = container.nestedContainer(keyedBy: WALKeys.self, forKey: .wal)
        try log.encode(wal.syncPolicy.description, forKey: .syncPolicy)
        try log.encode(wal.segmentBytes, forKey: .segmentBytes)
        try log.encode(wal.preallocate, forKey: .preallocate)
        try log.encode(wal.maximumPayloadBytes, forKey: .maximumPayloadBytes)
        // null, not absent: unbounded is a setting, not a default.
        try container.encode(sealConcurrency, forKey: .sealConcurrency)
        try container.encode(maximumOpenCollections, forKey: .maximumOpenCollections)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let log = try container.nestedContainer(keyedBy: WALKeys.self, forKey: .wal)
        let spelling = try log.decode(String.self, forKey: .syncPolicy)
        guard let policy = WALSyncPolicy(parsing: spelling) else {
            throw DecodingError.dataCorruptedError(
                forKey: .syncPolicy, in: log, debugDescription: "'\(spelling)' is not always, interval:MS, never or naive")
        }
        func bounded<Key: CodingKey>(_ key: Key, in container: KeyedDecodingContainer<Key>, _ range: ClosedRange<Int>) throws -> Int {
            let value = try container.decode(Int.self, forKey: key)
            guard range.contains(value) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "\(value) is out of range \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        let segmentBytes = try bounded(WALKeys.segmentBytes, in: log, (WALSegmentHeader.byteCount + 64)...Self.maximumWALSegmentBytes)
        let payloadBytes = try bounded(WALKeys.maximumPayloadBytes, in: log, 1...WALRecord.payloadLimit)
        var sealConcurrency: Int?
        if try !container.decodeNil(forKey: .sealConcurrency) {
            sealConcurrency = try bounded(CodingKeys.sealConcurrency, in: container, 1...4_096)
        }
        self.init(
            dataDirectory: try container.decode(String.self, forKey: .dataDirectory),
            walScope: try container.decode(WALScope.self, forKey: .walScope),
            wal: WALConfiguration(syncPolicy: policy, segmentBytes: segmentBytes,
                                  preallocate: try log.decode(Bool.self, forKey: .preallocate), maximumPayloadBytes: payloadBytes),
            sealConcurrency: sealConcurrency,
            maximumOpenCollections: try bounded(CodingKeys.maximumOpenCollections, in: container, 1...1_000_000))
    }
}
