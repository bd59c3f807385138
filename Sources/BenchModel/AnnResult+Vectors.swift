extension AnnResult {
    /// How an ANN run kept and traversed its vectors, and what they cost per
    /// vector. RAM and disk are counted apart, as a capacity plan needs them:
    ///
    /// | field | counts |
    /// |---|---|
    /// | `floatBytes` | one f32 vector (4 × dimension) |
    /// | `codeBytes` | one quantized row (nil for f32) — always in RAM |
    /// | `linkBytes` | level-0 and upper links, mean per vector (compressed or plain) |
    /// | `otherBytes` | level, label and upper-block pointer per vector |
    /// | `ramBytes` | process memory the search holds per vector: codes, plus the whole index (floats, links, other) when it is built in RAM |
    /// | `diskBytes` | index file bytes per vector (links, floats, labels), searched through a mapping; nil for an index in RAM |
    public struct VectorSummary: Codable, Sendable, Equatable {
        /// `f32`, `sq8` or `binary`.
        public var quantization: String
        /// sq8: the share of values the range covers, and `global` or `per-dimension`.
        public var quantile: Double?
        public var range: String?
        /// binary: whether values are centred before taking the sign.
        public var centered: Bool?
        /// Quantized only: candidates kept per result, and whether they are
        /// rescored against the f32 vectors.
        public var oversampling: Double?
        public var rescore: Bool?
        /// `plain` or `compressed` level-0 links.
        public var links: String
        /// Seconds to train the quantizer and encode every vector.
        public var quantizeSeconds: Double?
        public var floatBytes: Int
        public var codeBytes: Int?
        public var linkBytes: Double
        public var otherBytes: Double
        public var ramBytes: Double
        public var diskBytes: Double?

        public init(quantization: String, quantile: Double? = nil, range: String? = nil, centered: Bool? = nil,
                    oversampling: Double? = nil, rescore: Bool? = nil, links: String, quantizeSeconds: Double? = nil,
                    floatBytes: Int, codeBytes: Int?, linkBytes: Double, otherBytes: Double, ramBytes: Double, diskBytes: Double?) {
            self.quantization = quantization
            self.quantile = quantile
            self.range = range
            self.centered = centered
            self.oversampling = oversampling
            self.rescore = rescore
            self.links = links
            self.quantizeSeconds = quantizeSeconds
            self.floatBytes = floatBytes
            self.codeBytes = codeBytes
            self.linkBytes = linkBytes
            self.otherBytes = otherBytes
            self.ramBytes = ramBytes
            self.diskBytes = diskBytes
        }

        /// Codes against the f32 vectors they stand for (0.25 for sq8); nil for f32.
        public var codeShareOfFloats: Double? { codeBytes.map { Double($0) / Double(max(floatBytes, 1)) } }

        /// `f32`, `sq8(q 0.99) ×2 rescore`, … with `, compressed links` when so.
        public var label: String {
            var text = quantization
            if let quantile { text += "(q \(quantile)\(range == "per-dimension" ? ", per-dim" : ""))" }
            if let oversampling { text += " ×\(oversampling.formatted)" }
            if rescore == true { text += " rescore" }
            if links != "plain" { text += ", \(links) links" }
            return text
        }
    }
}

private extension Double {
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
