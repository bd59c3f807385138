/// The text spellings of the settings that are not plain words: the one
/// parser for workload files, command lines and old documents alike.
extension EngineSettings.Fsync: CustomStringConvertible, Codable {
    /// `always`, `never`, `naive`, `interval:MS` (also `interval:50ms`);
    /// nil for anything else or an interval below 1 ms.
    public init?(parsing text: String) {
        switch text {
        case "always": self = .always
        case "never": self = .never
        case "naive": self = .naive
        default:
            guard text.hasPrefix("interval:") else { return nil }
            var number = text.dropFirst("interval:".count)
            if number.hasSuffix("ms") { number = number.dropLast(2) }
            guard let milliseconds = Int(number), milliseconds >= 1 else { return nil }
            self = .interval(milliseconds: milliseconds)
        }
    }

    public var description: String {
        switch self {
        case .always: "always"
        case .never: "never"
        case .naive: "naive"
        case .interval(let milliseconds): "interval:\(milliseconds)"
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not an fsync policy"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// `"embedded"` or `{"workers": N}` in JSON; `embedded` / `workers: N` in text.
extension EngineSettings.Placement: CustomStringConvertible, Codable {
    public var description: String {
        switch self {
        case .embedded: "embedded"
        case .workers(let count): "workers: \(count)"
        }
    }

    /// Worker processes, or nil when embedded.
    public var workerCount: Int? {
        if case .workers(let count) = self { return count }
        return nil
    }

    private enum Keys: String, CodingKey { case workers }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard let parsed = Self(parsing: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "'\(text)' is not a placement"))
            }
            self = parsed
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self = .workers(try container.decode(Int.self, forKey: .workers))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .embedded:
            var container = encoder.singleValueContainer()
            try container.encode("embedded")
        case .workers(let count):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(count, forKey: .workers)
        }
    }

    /// `embedded`, `workers: N` or `workers:N`.
    public init?(parsing text: String) {
        if text == "embedded" {
            self = .embedded
            return
        }
        guard text.hasPrefix("workers:"),
              let count = Int(text.dropFirst("workers:".count).trimmingPrefix(" ")), count >= 1 else { return nil }
        self = .workers(count)
    }
}

extension EngineSettings {
    /// A document written before settings were typed stored every setting
    /// as text in the workload spelling (`"ef": "(phase)"`, `"seal_concurrency":
    /// "unbounded"`). A missing or unreadable key keeps the default.
    public init(legacy text: [String: String]) {
        var settings = EngineSettings.defaults
        func read<T>(_ key: String, _ parse: (String) -> T?) -> T? { text[key].flatMap(parse) }
        func count(_ value: String) -> Int? { Int(value) }
        if let value = read("placement", Placement.init(parsing:)) { settings.placement = value }
        if let value = read("tenancy", Tenancy.init(rawValue:)) { settings.tenancy = value }
        if let value = read("storage", Storage.init(rawValue:)) { settings.storage = value }
        if let value = read("advice", Advice.init(rawValue:)) { settings.advice = value }
        if let value = read("huge_pages", Bool.init) { settings.hugePages = value }
        if let value = read("wal_scope", WALScope.init(rawValue:)) { settings.walScope = value }
        if let value = read("fsync", Fsync.init(parsing:)) { settings.fsync = value }
        if let value = text["seal_concurrency"] { settings.sealConcurrency = value == "unbounded" ? nil : Int(value) }
        if let value = read("m", count) { settings.m = value }
        if let value = read("ef_construction", count) { settings.efConstruction = value }
        settings.ef = text["ef"].flatMap(count)
        settings.upsertBatch = text["upsert_batch"].flatMap(count)
        if let value = read("indexing_threshold", count) { settings.indexingThreshold = value }
        // Documents before `wal_segment_mib` existed ran with 16 MiB segments.
        settings.walSegmentMiB = text["wal_segment_mib"].flatMap(count) ?? 16
        settings.maximumOpenCollections = text["max_open_collections"].flatMap(count) ?? 4_096
        self = settings
    }
}
