import BenchModel
import VectorCore

extension WorkloadFile {
    /// `none`, `{scalar: {quantile: Q, always_ram: B}}` (quantile in (0, 1],
    /// default 0.99; always_ram default true), or `{binary: {always_ram: B}}`
    /// (cosine and ip data only: one bit per dimension estimates an angle,
    /// not a Euclidean distance).
    static func readQuantization(_ node: SchemaNode, metric: Metric?) throws(WorkloadError) -> EngineSettings.Quantization {
        let (form, value) = try node.choice(of: ["none", "scalar", "binary"], bareForms: ["none", "scalar", "binary"])
        func parameters(_ keys: [String]) throws(WorkloadError) -> SchemaMapping? {
            guard let value, !value.isNull else { return nil }
            return try value.mapping(allowedKeys: keys)
        }
        switch form {
        case "scalar":
            let mapping = try parameters(["quantile", "always_ram"])
            let quantile = try mapping?.value("quantile")?.number(above: 0, atMost: 1) ?? 0.99
            let alwaysRAM = try mapping?.value("always_ram")?.boolean() ?? true
            return .scalar(quantile: quantile, alwaysRAM: alwaysRAM)
        case "binary":
            if let metric, metric == .l2 {
                throw node.error("binary quantization needs data with metric cosine or ip, this workload's data is l2; "
                                 + "use {scalar: {quantile: 0.99}} for l2")
            }
            let mapping = try parameters(["always_ram"])
            return .binary(alwaysRAM: try mapping?.value("always_ram")?.boolean() ?? true)
        default:
            return .none
        }
    }

    /// Candidates kept per result for rescoring, 1…1000 (what
    /// `QuantizedSearchOptions.validate` accepts).
    static func readOversampling(_ node: SchemaNode) throws(WorkloadError) -> Double {
        try node.number(atLeast: 1, atMost: 1_000)
    }
}
