/// How a configuration keeps its vectors for traversal, and how its graph
/// links are laid out: the settings operators trade memory for recall with.
extension EngineSettings {
    /// The vectors the graph is traversed over.
    ///
    /// JSON and workload spelling: `"none"`, `{"scalar": {"quantile": 0.99,
    /// "always_ram": true}}`, `{"binary": {"always_ram": true}}`. With a
    /// quantization the float originals stay where `storage` puts them (a
    /// read-only mapping with `mmap`) and are read only for rescoring;
    /// `always_ram` keeps the codes in RAM even when `storage` is `mmap`
    /// (Qdrant's spelling and default).
    public enum Quantization: Sendable, Equatable, Hashable {
        case none
        /// int8 codes; `quantile` clips the range (1.0 keeps min/max).
        case scalar(quantile: Double, alwaysRAM: Bool)
        /// One bit per dimension, popcount distance (cosine and ip only).
        case binary(alwaysRAM: Bool)

        public var isQuantized: Bool { self != .none }

        /// Codes kept in RAM; false for `none` (nothing to keep).
        public var codesInRAM: Bool {
            switch self {
            case .none: false
            case .scalar(_, let alwaysRAM), .binary(let alwaysRAM): alwaysRAM
            }
        }
    }

    /// Level-0 link lists: plain fixed-width ids, or delta + varint
    /// compressed sorted ids (Qdrant's `GraphLinksFormat::Compressed`).
    public enum LinkLayout: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case plain
        case compressed
    }

    /// Oversampling when none is set: how many candidates, as a multiple of
    /// k, a quantized search keeps for rescoring.
    public static let defaultOversampling = 2.0
}

extension EngineSettings.Quantization: CustomStringConvertible, Codable {
    /// `none`, `scalar(quantile 0.99)`, `binary`, with `, mapped` when the
    /// codes are not pinned in RAM.
    public var description: String {
        switch self {
        case .none: "none"
        case .scalar(let quantile, let alwaysRAM): "scalar(quantile \(quantile)\(alwaysRAM ? "" : ", mapped"))"
        case .binary(let alwaysRAM): alwaysRAM ? "binary" : "binary(mapped)"
        }
    }

    private enum Keys: String, CodingKey { case scalar, binary }
    private enum ParameterKeys: String, CodingKey {
        case quantile
        case alwaysRAM = "always_ram"
    }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard text == "none" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "'\(text)' is not a quantization"))
            }
            self = .none
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        if container.contains(.scalar) {
            let parameters = try container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .scalar)
            self = .scalar(quantile: try parameters.decodeIfPresent(Double.self, forKey: .quantile) ?? 1.0,
                           alwaysRAM: try parameters.decodeIfPresent(Bool.self, forKey: .alwaysRAM) ?? true)
        } else if container.contains(.binary) {
            let parameters = try container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .binary)
            self = .binary(alwaysRAM: try parameters.decodeIfPresent(Bool.self, forKey: .alwaysRAM) ?? true)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "quantization is none, scalar or binary"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .none:
            var container = encoder.singleValueContainer()
            try container.encode("none")
        case .scalar(let quantile, let alwaysRAM):
            var container = encoder.container(keyedBy: Keys.self)
            var parameters = container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .scalar)
            try parameters.encode(quantile, forKey: .quantile)
            try parameters.encode(alwaysRAM, forKey: .alwaysRAM)
        case .binary(let alwaysRAM):
            var container = encoder.container(keyedBy: Keys.self)
            var parameters = container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .binary)
            try parameters.encode(alwaysRAM, forKey: .alwaysRAM)
        }
    }
}
